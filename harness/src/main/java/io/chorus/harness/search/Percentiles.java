package io.chorus.harness.search;

import java.util.Arrays;

/** Exact percentiles of a recorded sample (small enough to keep whole: benchmark runs record at most a few 100K). */
public final class Percentiles {
    private final long[] sorted;

    public Percentiles(long[] values) {
        this.sorted = values.clone();
        Arrays.sort(sorted);
    }

    public int count() {
        return sorted.length;
    }

    /** Nearest-rank percentile, e.g. {@code at(95)}. */
    public long at(double percentile) {
        if (sorted.length == 0) {
            return -1;
        }
        int rank = (int) Math.ceil(percentile / 100.0 * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
    }

    public long max() {
        return sorted.length == 0 ? -1 : sorted[sorted.length - 1];
    }

    /** e.g. {@code n=1000 p50=12 p95=40 p99=55 max=80} (in the unit recorded). */
    public String summary(String unit) {
        return String.format("n=%d p50=%d%s p95=%d%s p99=%d%s max=%d%s", count(), at(50), unit, at(95), unit, at(99),
                unit, max(), unit);
    }
}
