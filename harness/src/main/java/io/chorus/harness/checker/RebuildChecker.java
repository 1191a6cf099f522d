package io.chorus.harness.checker;

import io.chorus.harness.history.History;
import io.chorus.harness.history.Sample;
import java.util.List;

/**
 * The rate of each store rebuild a {@code wipe-and-rebuild} fault ran, from the samples the run recorded: the
 * slowest one is the figure (a rebuild is only as good as its slowest store). No rebuild, no figure.
 */
public final class RebuildChecker implements Checker<RebuildChecker.Result> {
    /** The sample a finished rebuild leaves in the history; its source names the store. */
    public static final String SAMPLE = "rebuild.events_per_s";

    public static final String NAME = "rebuild";

    /** @param rebuilds each rebuild as {@code source: events/s} */
    public record Result(List<String> rebuilds, Double slowest) implements CheckResult {
        /** Measured only: a scenario bounds the rate with an SLO. */
        @Override
        public List<Measurement> measurements() {
            return slowest == null ? List.of() : List.of(Measurement.of(SAMPLE, slowest));
        }
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Result check(History history) {
        List<Sample> samples =
                history.of(Sample.class).filter(s -> s.metric().equals(SAMPLE)).toList();
        return new Result(
                samples.stream()
                        .map(s -> s.source() + ": " + Math.round(s.value()))
                        .toList(),
                samples.stream().map(Sample::value).min(Double::compare).orElse(null));
    }
}
