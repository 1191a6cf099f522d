package io.chorus.harness.checker;

import java.util.LinkedHashMap;
import java.util.Map;
import org.HdrHistogram.Histogram;

/** Percentiles of one latency histogram (recorded in microseconds), in milliseconds. */
public record LatencySummary(long count, double p50, double p90, double p95, double p99, double p999, double max,
        double mean) {

    public static final LatencySummary EMPTY = new LatencySummary(0, 0, 0, 0, 0, 0, 0, 0);

    public static Histogram histogram() {
        return new Histogram(3); // auto-resizing, 3 significant digits
    }

    public static LatencySummary of(Histogram h) {
        if (h.getTotalCount() == 0) {
            return EMPTY;
        }
        return new LatencySummary(h.getTotalCount(), ms(h.getValueAtPercentile(50)), ms(h.getValueAtPercentile(90)),
                ms(h.getValueAtPercentile(95)), ms(h.getValueAtPercentile(99)), ms(h.getValueAtPercentile(99.9)),
                ms(h.getMaxValue()), Math.round(h.getMean()) / 1000.0);
    }

    private static double ms(long micros) {
        return micros / 1000.0;
    }

    /** As metrics named {@code prefix.p50} ... {@code prefix.max}; none when nothing was recorded. */
    Map<String, Double> metrics(String prefix) {
        Map<String, Double> m = new LinkedHashMap<>();
        if (count == 0) {
            return m;
        }
        m.put(prefix + ".p50", p50);
        m.put(prefix + ".p90", p90);
        m.put(prefix + ".p95", p95);
        m.put(prefix + ".p99", p99);
        m.put(prefix + ".p999", p999);
        m.put(prefix + ".max", max);
        return m;
    }
}
