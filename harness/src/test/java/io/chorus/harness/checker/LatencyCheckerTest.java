package io.chorus.harness.checker;

import static org.assertj.core.api.Assertions.assertThat;

import io.chorus.harness.history.History;
import io.chorus.harness.history.PhaseWindow;
import io.chorus.harness.history.Receipt;
import io.chorus.harness.history.Sample;
import io.chorus.harness.history.SendFail;
import io.chorus.harness.history.SendInfo;
import io.chorus.harness.history.SendInvoke;
import io.chorus.harness.history.SendOk;
import io.chorus.harness.scenario.Slo;
import java.util.List;
import org.junit.jupiter.api.Test;

class LatencyCheckerTest {
    static final long T = 1_700_000_000_000_000L;

    @Test
    void latencyCountsFromTheIntendedTimeNotTheActualSend() {
        // due at T, sent 40 ms late (a stalled sender), acked 1 ms after sending: send latency is 41 ms, not 1
        History h = new History(List.of(
                new SendInvoke("k1", "c", "alice", "p", T, T + 40_000, 10),
                new SendOk("k1", "m1", 202, T + 41_000),
                new Receipt("alice", "a", "n1", "c", "m1", 1, T + 42_000),
                new Receipt("bob", "b", "n1", "c", "m1", 1, T + 45_000)));
        LatencyChecker.Result r = new LatencyChecker().check(h);
        assertThat(r.send().count()).isEqualTo(1);
        assertThat(r.send().p95()).isCloseTo(41.0, org.assertj.core.data.Offset.offset(0.05)); // 3 significant digits
        assertThat(r.delivery().count())
                .as("the sender's own socket is not a delivery")
                .isEqualTo(1);
        assertThat(r.delivery().max()).isCloseTo(45.0, org.assertj.core.data.Offset.offset(0.05));
    }

    @Test
    void theFloorIsTheFirstPercentileOfTheMeasuredSendsAndDeliveries() {
        // 200 sends of 1..200 ms, each delivered 2 ms later; one warm-up send of 0.5 ms is left out
        List<io.chorus.harness.history.Op> ops = new java.util.ArrayList<>();
        for (int i = 1; i <= 200; i++) {
            long at = T + i * 1_000_000L;
            ops.add(new SendInvoke("k" + i, "c", "alice", "steady", at, at, 10));
            ops.add(new SendOk("k" + i, "m" + i, 202, at + i * 1_000L));
            ops.add(new Receipt("bob", "b", "n1", "c", "m" + i, i, at + i * 1_000L + 2_000));
        }
        ops.add(new SendInvoke("w", "c", "alice", "warm", T, T, 10));
        ops.add(new SendOk("w", "mw", 202, T + 500));
        LatencyChecker.Result r = new LatencyChecker(java.util.Set.of("warm")).check(new History(ops));

        assertThat(r.sendFloor()).isEqualTo(2.0); // the 2nd smallest of 200: nearest rank of 1 %
        assertThat(r.deliveryFloor()).isCloseTo(4.0, org.assertj.core.data.Offset.offset(0.005)); // 3 digits
        assertThat(r.measurements())
                .extracting(m -> m.metric().name())
                .contains("send.latency.p1", "delivery.latency.p1");
        assertThat(new LatencyChecker().check(new History(List.of())).measurements())
                .as("nothing sent, no floor")
                .isEmpty();
    }

    @Test
    void warmupSendsAreLeftOutOfTheLatencyFiguresButNotTheInvariants() {
        History h = new History(List.of(
                new SendInvoke("k1", "c", "alice", "warm", T, T, 10),
                new SendOk("k1", "m1", 202, T + 900_000),
                new Receipt("bob", "b", "n1", "c", "m1", 1, T + 950_000),
                new SendInvoke("k2", "c", "alice", "steady", T + 1_000_000, T + 1_000_000, 10),
                new SendOk("k2", "m2", 202, T + 1_010_000),
                new Receipt("bob", "b", "n1", "c", "m2", 2, T + 1_020_000)));
        LatencyChecker.Result r = new LatencyChecker(java.util.Set.of("warm")).check(h);
        assertThat(r.send().count()).isEqualTo(1);
        assertThat(r.send().max()).isCloseTo(10.0, org.assertj.core.data.Offset.offset(0.05));
        assertThat(r.delivery().max()).isCloseTo(20.0, org.assertj.core.data.Offset.offset(0.05));
        assertThat(new LatencyChecker().check(h).send().max())
                .as("without warm-up phases every send counts")
                .isCloseTo(900.0, org.assertj.core.data.Offset.offset(1.0));
    }

    @Test
    void ratesErrorsCostsAndSlos() {
        History h = new History(List.of(
                new SendInvoke("k1", "c", "a", "p", T, T, 10),
                new SendOk("k1", "m1", 202, T + 1000),
                new SendInvoke("k2", "c", "a", "p", T + 500_000, T + 500_000, 10),
                new SendFail("k2", 503, "busy", T + 501_000),
                new SendInvoke("k3", "c", "a", "p", T + 600_000, T + 600_000, 10),
                new SendInfo("k3", "timeout", T + 900_000),
                new SendInvoke("k4", "c", "a", "p", T + 700_000, T + 700_000, 10),
                new Sample(CostChecker.PUBLISHES, "fanout-1", 100, T),
                new Sample(CostChecker.PUBLISHES, "fanout-1", 102, T + 999_000),
                new Sample(CostChecker.SUBSCRIPTIONS, "notification-1", 1, T),
                new Sample(CostChecker.SUBSCRIPTIONS, "notification-2", 2, T),
                new PhaseWindow("p", 0, 4, T, T + 1_000_000)));
        RateChecker.Result rate = new RateChecker().check(h);
        assertThat(rate.offered()).isEqualTo(4.0);
        assertThat(rate.achieved()).isEqualTo(1.0);
        ErrorChecker.Result errors = new ErrorChecker().check(h);
        assertThat(errors.byStatus())
                .containsEntry("503", 1L)
                .containsEntry("none", 1L)
                .containsEntry("incomplete", 1L);
        assertThat(errors.total()).isEqualTo(3);
        CostChecker.Result cost = new CostChecker().check(h);
        assertThat(cost.publishesPerMessage()).isEqualTo(2.0);
        assertThat(cost.subscriptionsPerInstance()).isEqualTo(2.0);

        var analysis = new Analysis(
                        new Roster(java.util.Map.of()),
                        new StoreListing(List.of(new StoreListing.StoredMessage("c", "m1", "k1"))),
                        List.of(
                                new Slo("rate.achieved_ratio", Slo.Bound.MIN, 0.5),
                                new Slo("nats.subscriptions_per_instance", Slo.Bound.MAX, 1),
                                new Slo("delivery.latency.p95", Slo.Bound.MAX, 100)))
                .analyse(h);
        assertThat(analysis.slos()).extracting(SloVerdict::passed).containsExactly(false, false, false);
        assertThat(analysis.slos().get(2).message()).startsWith("no data");
        assertThat(analysis.passed()).isFalse();
    }

    @Test
    void throughputSearchLeavesAClimbingWarmUpOut() {
        // a warm-up climbing 10, 20 msg/s (slow: 80 ms), then a ramp 10, 20 msg/s (fast): the ramp's 20 is held
        var ops = new java.util.ArrayList<io.chorus.harness.history.Op>();
        String[] phases = {"warm", "warm", "ramp", "ramp"};
        long[] latencies = {80_000, 80_000, 5_000, 5_000};
        for (int w = 0; w < 4; w++) {
            long start = T + w * 1_000_000L;
            for (int i = 0; i < 10; i++) {
                String k = "k" + w + "-" + i;
                ops.add(new SendInvoke(k, "c", "a", phases[w], start + i * 1000L, start + i * 1000L, 10));
                ops.add(new SendOk(k, "m" + k, 202, start + i * 1000L + latencies[w]));
            }
            ops.add(new PhaseWindow(phases[w], w % 2, 10 * (w % 2 + 1), start, start + 1_000_000));
        }
        var analysis = new Analysis(
                        new Roster(java.util.Map.of()),
                        new StoreListing(List.of()),
                        List.of(
                                new Slo("send.latency.p95", Slo.Bound.MAX, 50),
                                new Slo(ThroughputSearch.METRIC, Slo.Bound.MIN, 20)),
                        java.util.Set.of("warm"))
                .analyse(new History(ops));
        assertThat(analysis.throughput().steps())
                .extracting(ThroughputSearch.Step::phase)
                .containsOnly("ramp");
        assertThat(analysis.metrics()).containsEntry(ThroughputSearch.METRIC, 20.0);

        var warmJudged = new Analysis(
                        new Roster(java.util.Map.of()),
                        new StoreListing(List.of()),
                        List.of(new Slo("send.latency.p95", Slo.Bound.MAX, 50)))
                .analyse(new History(ops));
        assertThat(warmJudged.throughput().steps())
                .as("the same history, the warm-up not declared: its slow steps are judged")
                .extracting(ThroughputSearch.Step::held)
                .containsExactly(false, false, true, true);
    }

    @Test
    void throughputSearchFindsTheLastStepBeforeTheFirstBreach() {
        // steps at 10, 20, 30 msg/s; send latency 5 ms, 5 ms, then 80 ms: the highest rate held is 20
        long[] latencies = {5_000, 5_000, 80_000};
        var ops = new java.util.ArrayList<io.chorus.harness.history.Op>();
        for (int step = 0; step < 3; step++) {
            long start = T + step * 1_000_000L;
            for (int i = 0; i < 10; i++) {
                String k = "k" + step + "-" + i;
                ops.add(new SendInvoke(k, "c", "a", "ramp", start + i * 1000L, start + i * 1000L, 10));
                ops.add(new SendOk(k, "m" + k, 202, start + i * 1000L + latencies[step]));
            }
            ops.add(new PhaseWindow("ramp", step, 10 * (step + 1), start, start + 1_000_000));
        }
        var analysis = new Analysis(
                        new Roster(java.util.Map.of()),
                        new StoreListing(List.of()),
                        List.of(
                                new Slo("send.latency.p95", Slo.Bound.MAX, 50),
                                new Slo(ThroughputSearch.METRIC, Slo.Bound.MIN, 20)))
                .analyse(new History(ops));
        assertThat(analysis.throughput().steps())
                .extracting(ThroughputSearch.Step::held)
                .containsExactly(true, true, false);
        assertThat(analysis.metrics()).containsEntry(ThroughputSearch.METRIC, 20.0);
        assertThat(analysis.slos().get(1).passed()).isTrue();
        assertThat(analysis.slos().get(0).passed())
                .as("the whole run's p95 includes the slow step")
                .isFalse();
        assertThat(analysis.metrics()).as("no baseline sample, no ratio").doesNotContainKey(Analysis.VERSUS_JETSTREAM);

        ops.add(new Sample(Analysis.JETSTREAM_RATE, "nats bench", 400, T + 4_000_000));
        var withBaseline = new Analysis(
                        new Roster(java.util.Map.of()),
                        new StoreListing(List.of()),
                        List.of(new Slo("send.latency.p95", Slo.Bound.MAX, 50)))
                .analyse(new History(ops));
        assertThat(withBaseline.metrics())
                .containsEntry(Analysis.JETSTREAM_RATE, 400.0)
                .containsEntry(Analysis.VERSUS_JETSTREAM, 0.05);
    }
}
