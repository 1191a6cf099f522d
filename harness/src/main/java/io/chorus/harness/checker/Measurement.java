package io.chorus.harness.checker;

/**
 * A value a run measured for one {@link Metric} of the catalog, in the metric's unit. A measurement passes or
 * fails only through an SLO of the scenario that names its metric ({@link SloVerdict}); without one it is reported
 * and compared between runs, never judged. Unlike an {@link Invariant} it does not gate a run by itself.
 */
public record Measurement(Metric metric, double value) {
    /**
     * @throws IllegalArgumentException when the catalog has no such metric: a checker measuring a figure the
     *     catalog does not declare is a bug, found by the first test that runs it
     */
    public static Measurement of(String metric, double value) {
        return new Measurement(
                Metric.find(metric)
                        .orElseThrow(() -> new IllegalArgumentException("no metric " + metric + " in the catalog")),
                value);
    }

    /** A count: exact as a double up to 2^53, far beyond any count a run makes. */
    public static Measurement of(String metric, long count) {
        return of(metric, (double) count);
    }

    public String name() {
        return metric.name();
    }
}
