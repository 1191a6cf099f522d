package io.chorus.harness.checker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.chorus.harness.history.History;
import io.chorus.harness.history.PhaseWindow;
import io.chorus.harness.history.Receipt;
import io.chorus.harness.history.SendInvoke;
import io.chorus.harness.history.SendOk;
import io.chorus.harness.history.SessionOpen;
import io.chorus.harness.scenario.Slo;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * An invariant and a measurement are judged apart: a violated invariant fails a run with no SLO at all and says
 * how, a measurement is judged only by an SLO naming its metric, in its unit.
 */
class AnalysisTest {
    static final long T = 1_700_000_000_000_000L;

    /** alice sends m1 and m2 to bob; m1 takes 900 ms to reach him, m2 is acknowledged but never stored. */
    private static final History HISTORY = new History(List.of(
            new SessionOpen("bob", "b1", "notification-1", T),
            new SendInvoke("k1", "c", "alice", "steady", T + 1_000, T + 1_000, 10),
            new SendOk("k1", "m1", 202, T + 2_000),
            new Receipt("bob", "b1", "notification-1", "c", "m1", 1, T + 901_000),
            new SendInvoke("k2", "c", "alice", "steady", T + 2_000, T + 2_000, 10),
            new SendOk("k2", "m2", 202, T + 3_000),
            new Receipt("bob", "b1", "notification-1", "c", "m2", 2, T + 4_000),
            new PhaseWindow("steady", 0, 2, T, T + 1_000_000)));

    private static final Roster ROSTER = new Roster(Map.of("bob", Set.of("c"), "alice", Set.of("c")));
    private static final StoreListing STORE =
            new StoreListing(List.of(new StoreListing.StoredMessage("c", "m1", "k1")));

    @Test
    void theInvariantsAreTheFourInvariantCheckersOwn() {
        Analysis.Result r = new Analysis(ROSTER, STORE, List.of()).analyse(HISTORY);
        assertThat(r.invariants()).extracting(Invariant::name).containsExactly("loss", "duplicates", "order", "resume");
        assertThat(r.checks().latency().invariant())
                .as("latency is measured, not an invariant")
                .isEmpty();
        assertThat(r.checks().latency().valid()).isTrue();
    }

    @Test
    void aViolatedInvariantFailsARunWithNoSloAndShowsItsCounterexample() {
        Analysis.Result r = new Analysis(ROSTER, STORE, List.of()).analyse(HISTORY);
        Invariant loss = r.invariants().get(0);
        assertThat(loss.holds()).isFalse();
        assertThat(loss.violations()).isEqualTo(1);
        assertThat(loss.counterexamples()).containsExactly("lost m2");
        assertThat(r.checks().loss().valid()).isFalse();
        assertThat(r.passed()).isFalse();

        StoreListing both = new StoreListing(List.of(
                new StoreListing.StoredMessage("c", "m1", "k1"), new StoreListing.StoredMessage("c", "m2", "k2")));
        assertThat(new Analysis(ROSTER, both, List.of()).analyse(HISTORY).passed())
                .as("a slow delivery is only a measurement: without an SLO on it the run passes")
                .isTrue();
    }

    @Test
    void aMeasurementIsJudgedOnlyByAnSloNamingItInItsUnit() {
        StoreListing both = new StoreListing(List.of(
                new StoreListing.StoredMessage("c", "m1", "k1"), new StoreListing.StoredMessage("c", "m2", "k2")));
        Analysis.Result r = new Analysis(ROSTER, both, List.of(new Slo("delivery.latency.max", Slo.Bound.MAX, 500)))
                .analyse(HISTORY);
        Measurement max = r.measurements().get("delivery.latency.max");
        assertThat(max.metric().unit()).isEqualTo("ms");
        assertThat(max.value()).isBetween(900.0, 901.0);
        assertThat(r.slos()).singleElement().satisfies(v -> {
            assertThat(v.passed()).isFalse();
            assertThat(v.unit()).isEqualTo("ms");
            assertThat(v.actual()).isEqualTo(max.value());
        });
        assertThat(r.invariants()).allMatch(Invariant::holds);
        assertThat(r.passed()).isFalse();
    }

    @Test
    void everyMeasurementIsOfACatalogMetric() {
        assertThatThrownBy(() -> Measurement.of("delivery.latency.p42", 1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("delivery.latency.p42");
        Analysis.Result r = new Analysis(ROSTER, STORE, List.of()).analyse(HISTORY);
        assertThat(r.measurements())
                .allSatisfy((name, m) -> assertThat(Metric.find(name)).contains(m.metric()));
        assertThat(r.metrics()).containsEntry("messages.lost", 1.0).containsEntry("messages.acked", 2.0);
    }

    @Test
    void aRunsWebhookVerdictIsOneOfItsChecksAndItsFiguresAreMetricsAnSloMayName() {
        StoreListing both = new StoreListing(List.of(
                new StoreListing.StoredMessage("c", "m1", "k1"), new StoreListing.StoredMessage("c", "m2", "k2")));
        WebhookCheckResult lostOne = new WebhookCheckResult(
                new Invariant(WebhookChecker.NAME, 1, List.of("message.created k2 on c never reached hook-1")),
                4,
                1,
                0,
                0,
                0,
                0,
                LatencySummary.EMPTY,
                LatencySummary.EMPTY,
                LatencySummary.EMPTY);

        Analysis.Result r = new Analysis(ROSTER, both, List.of(new Slo("webhook.lost", Slo.Bound.MAX, 0)))
                .withWebhooks(lostOne)
                .analyse(HISTORY);

        assertThat(r.checks().byName()).containsEntry(WebhookChecker.NAME, lostOne);
        assertThat(r.invariants()).extracting(Invariant::name).contains(WebhookChecker.NAME);
        assertThat(r.metrics()).containsEntry("webhook.expected", 4.0).containsEntry("webhook.lost", 1.0);
        assertThat(r.passed()).isFalse();
        assertThat(new Analysis(ROSTER, both, List.of())
                        .analyse(HISTORY)
                        .checks()
                        .byName())
                .as("a run without webhooks has no webhook check")
                .doesNotContainKey(WebhookChecker.NAME);
    }
}
