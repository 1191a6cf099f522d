package io.chorus.harness.checker;

import static org.assertj.core.api.Assertions.assertThat;

import io.chorus.harness.history.History;
import io.chorus.harness.history.Op;
import io.chorus.harness.history.PhaseWindow;
import io.chorus.harness.history.Sample;
import io.chorus.harness.history.SendInvoke;
import io.chorus.harness.history.SendOk;
import io.chorus.harness.scenario.Slo;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ThroughputSearchTest {
    static final long T = 1_700_000_000_000_000L;

    /** One step per character, at 100, 200, ... msg/s: {@code h} held, {@code x} breached. */
    private static List<ThroughputSearch.Step> steps(String verdicts) {
        List<ThroughputSearch.Step> steps = new ArrayList<>();
        for (int i = 0; i < verdicts.length(); i++) {
            boolean held = verdicts.charAt(i) == 'h';
            steps.add(new ThroughputSearch.Step("ramp", i, 100.0 * (i + 1), held, held ? List.of() : List.of("slow")));
        }
        return steps;
    }

    @Test
    void oneBadStepInTheMiddleDoesNotEndTheRamp() {
        var knee = ThroughputSearch.Knee.of(steps("hhxhhhh"));
        assertThat(knee.knee()).isNull();
        assertThat(knee.highestHeld()).isEqualTo(700.0);
    }

    @Test
    void twoBadStepsInARowAreNotYetABreak() {
        var knee = ThroughputSearch.Knee.of(steps("hxxhhxhh"));
        assertThat(knee.knee()).isNull();
        assertThat(knee.highestHeld()).isEqualTo(800.0);
    }

    @Test
    void aSustainedBreakIsTheKneeAndAHeldStepAfterItDoesNotCount() {
        var knee = ThroughputSearch.Knee.of(steps("hhxhhxxxhx"));
        assertThat(knee.knee()).as("the first of three breached steps in a row").isEqualTo(600.0);
        assertThat(knee.highestHeld())
                .as("the lucky step past the knee is not the ceiling")
                .isEqualTo(500.0);
    }

    @Test
    void aBreakThatRunsToTheRampsEndIsTheKnee() {
        var knee = ThroughputSearch.Knee.of(steps("hhhhxx"));
        assertThat(knee.knee()).isEqualTo(500.0);
        assertThat(knee.highestHeld()).isEqualTo(400.0);
    }

    @Test
    void aRampBrokenFromItsFirstStepHeldNothing() {
        var knee = ThroughputSearch.Knee.of(steps("xxxh"));
        assertThat(knee.knee()).isEqualTo(100.0);
        assertThat(knee.highestHeld()).isEqualTo(0.0);
    }

    @Test
    void theReportCarriesTheKneeTheJetStreamRateAndTheRatio() {
        // send latency per step (ms): a noisy third step, then a sustained break from the sixth
        long[] latencies = {5, 5, 80, 5, 5, 80, 90, 95};
        List<Op> ops = new ArrayList<>();
        for (int step = 0; step < latencies.length; step++) {
            long start = T + step * 1_000_000L;
            for (int i = 0; i < 10; i++) {
                String k = "k" + step + "-" + i;
                ops.add(new SendInvoke(k, "c", "a", "ramp", start + i * 1000L, start + i * 1000L, 10));
                ops.add(new SendOk(k, "m" + k, 202, start + i * 1000L + latencies[step] * 1000));
            }
            ops.add(new PhaseWindow("ramp", step, 100 * (step + 1), start, start + 1_000_000));
        }
        ops.add(new Sample(Analysis.JETSTREAM_RATE, "nats bench", 50_000, T + 9_000_000));
        var result = new Analysis(
                        new Roster(Map.of()),
                        new StoreListing(List.of()),
                        List.of(
                                new Slo("send.latency.p95", Slo.Bound.MAX, 50),
                                new Slo(ThroughputSearch.METRIC, Slo.Bound.MIN, 500)),
                        Set.of())
                .analyse(new History(ops));
        assertThat(result.throughput().knee()).isEqualTo(600.0);
        assertThat(result.throughput().highestHeld()).isEqualTo(500.0);
        assertThat(result.throughput().jetstreamRate()).isEqualTo(50_000.0);
        assertThat(result.throughput().vsJetstream()).isEqualTo(0.01);
        assertThat(result.metrics())
                .containsEntry(ThroughputSearch.KNEE, 600.0)
                .containsEntry(ThroughputSearch.METRIC, 500.0)
                .containsEntry(Analysis.VERSUS_JETSTREAM, 0.01);
        assertThat(result.slos().get(1).passed()).isTrue();
    }
}
