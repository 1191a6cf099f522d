package io.chorus.harness.checker;

import io.chorus.harness.history.Sample;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * How long after a fault window the consumers' lag took to drain, from the {@code consumer.pending} samples
 * (num_pending + num_ack_pending of each durable consumer, one source per consumer). A consumer's normal level is
 * the highest it read in the {@value #BASELINE_SECONDS} s before the fault began (0 without a reading): under load a
 * consumer always holds a few messages in flight, so "back to zero" would depend on the sampling instant. Drained
 * is the first sample from the window's end at which every consumer sampled since the end has its latest reading at
 * or below its normal level (a consumer that vanished during the fault does not hold the figure back forever; one
 * that had no sample yet after the end does). A pure function of the samples, in ms; null if never drained.
 */
public final class LagDrain {
    static final long BASELINE_SECONDS = 10;

    private LagDrain() {}

    /** {@code samples} of {@link RecoveryChecker#LAG_METRIC}, any order; times in µs like the history's. */
    public static Double of(List<Sample> samples, long faultStart, long faultEnd) {
        List<Sample> sorted = samples.stream()
                .filter(s -> s.metric().equals(RecoveryChecker.LAG_METRIC))
                .sorted(Comparator.comparingLong(Sample::time))
                .toList();
        Map<String, Double> normal = new HashMap<>();
        long from = faultStart - BASELINE_SECONDS * 1_000_000;
        sorted.stream()
                .filter(s -> s.time() >= from && s.time() < faultStart)
                .forEach(s -> normal.merge(s.source(), s.value(), Math::max));
        List<Sample> after = sorted.stream().filter(s -> s.time() >= faultEnd).toList();
        Set<String> sources = after.stream().map(Sample::source).collect(Collectors.toSet());
        Map<String, Double> latest = new HashMap<>();
        for (Sample s : after) {
            latest.put(s.source(), s.value());
            if (latest.size() == sources.size()
                    && latest.entrySet().stream().allMatch(e -> e.getValue() <= normal.getOrDefault(e.getKey(), 0.0))) {
                return (s.time() - faultEnd) / 1e3;
            }
        }
        return null;
    }
}
