package io.chorus.harness.scenario;

/**
 * A service-level objective: a metric of the run and the bound it must respect.
 *
 * @param metric    a name from {@link io.chorus.harness.checker.Metric}
 * @param bound     whether the threshold is a maximum or a minimum
 * @param threshold in the metric's unit (milliseconds for latencies)
 */
public record Slo(String metric, Bound bound, double threshold) {
    public enum Bound {
        MAX("<="),
        MIN(">=");

        public final String symbol;

        Bound(String symbol) {
            this.symbol = symbol;
        }

        public boolean holds(double value, double threshold) {
            return this == MAX ? value <= threshold : value >= threshold;
        }
    }

    public String describe() {
        return metric + " " + bound.symbol + " " + formatNumber(threshold);
    }

    public static String formatNumber(double value) {
        return value == Math.rint(value) && Math.abs(value) < 1e15
                ? Long.toString((long) value)
                : Double.toString(value);
    }
}
