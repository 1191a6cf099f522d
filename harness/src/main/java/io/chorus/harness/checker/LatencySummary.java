package io.chorus.harness.checker;

import io.chorus.harness.scenario.Slo;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.ToDoubleFunction;
import org.HdrHistogram.Histogram;

/**
 * Percentiles of one latency histogram, in milliseconds: the harness's one percentile definition, used by the
 * checkers, the live progress line and the benchmarks alike.
 *
 * <p>Definition: nearest rank, no interpolation. The p-th percentile of n recorded values is the k-th smallest of
 * them, k = ⌈p/100 · n⌉ (at least 1); {@code max} is the largest. Values are held in an HdrHistogram with
 * {@value #SIGNIFICANT_DIGITS} significant digits, which answers with the highest value of the bucket that k-th
 * value falls in: exact below 2,048 of the unit recorded, above that never lower than the exact value and at most
 * 1/1,024 of it higher. A histogram, not a sorted list, because a run records tens of millions of deliveries: it
 * keeps a bounded size whatever the count. {@code LatencySummaryTest} checks the definition against a sorted list.
 */
public record LatencySummary(
        long count, double p50, double p90, double p95, double p99, double p999, double max, double mean) {

    public static final int SIGNIFICANT_DIGITS = 3;

    /** The percentiles every summary gives, in the order of its fields: name and level. */
    public enum Level {
        P50("p50", 50, LatencySummary::p50),
        P90("p90", 90, LatencySummary::p90),
        P95("p95", 95, LatencySummary::p95),
        P99("p99", 99, LatencySummary::p99),
        P999("p999", 99.9, LatencySummary::p999),
        MAX("max", 100, LatencySummary::max);

        public final String label;
        public final double percentile;
        private final ToDoubleFunction<LatencySummary> field;

        Level(String label, double percentile, ToDoubleFunction<LatencySummary> field) {
            this.label = label;
            this.percentile = percentile;
            this.field = field;
        }

        public double of(LatencySummary summary) {
            return field.applyAsDouble(summary);
        }
    }

    public static final LatencySummary EMPTY = new LatencySummary(0, 0, 0, 0, 0, 0, 0, 0);

    /** A histogram for values in microseconds, auto-resizing. */
    public static Histogram histogram() {
        return new Histogram(SIGNIFICANT_DIGITS);
    }

    /** @param h values recorded in microseconds */
    public static LatencySummary of(Histogram h) {
        return of(h, TimeUnit.MICROSECONDS);
    }

    /** @param h values recorded in {@code unit} */
    public static LatencySummary of(Histogram h, TimeUnit unit) {
        if (h.getTotalCount() == 0) {
            return EMPTY;
        }
        return new LatencySummary(
                h.getTotalCount(),
                at(h, 50, unit),
                at(h, 90, unit),
                at(h, 95, unit),
                at(h, 99, unit),
                at(h, 99.9, unit),
                millis(h.getMaxValue(), unit),
                millis(Math.round(h.getMean()), unit));
    }

    /** Of values kept whole by a benchmark, in {@code unit}; a negative value (a clock step) counts as 0. */
    public static LatencySummary of(TimeUnit unit, long... values) {
        Histogram h = histogram();
        for (long v : values) {
            h.recordValue(Math.max(0, v));
        }
        return of(h, unit);
    }

    /**
     * The {@code percentile}-th percentile of {@code h} (recorded in {@code unit}) by the definition above, in ms;
     * NaN when nothing was recorded.
     */
    public static double at(Histogram h, double percentile, TimeUnit unit) {
        if (h.getTotalCount() == 0) {
            return Double.NaN;
        }
        return millis(h.getValueAtPercentile(percentile), unit);
    }

    /** In ms, to the microsecond. */
    private static double millis(long value, TimeUnit unit) {
        return unit.toMicros(value) / 1000.0;
    }

    /** As measurements of the metrics {@code prefix.p50} ... {@code prefix.max}; none when nothing was recorded. */
    List<Measurement> measurements(String prefix) {
        List<Measurement> m = new ArrayList<>();
        if (count == 0) {
            return m;
        }
        for (Level level : Level.values()) {
            m.add(Measurement.of(prefix + "." + level.label, level.of(this)));
        }
        return m;
    }

    /** For a benchmark's output, e.g. {@code n=1000 p50=12 ms p95=40 ms p99=55 ms max=80 ms}. */
    public String text() {
        return "n=" + count + " p50=" + ms(p50) + " p95=" + ms(p95) + " p99=" + ms(p99) + " max=" + ms(max);
    }

    private static String ms(double value) {
        return Slo.formatNumber(value) + " ms";
    }
}
