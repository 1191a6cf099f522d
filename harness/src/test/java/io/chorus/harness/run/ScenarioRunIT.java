package io.chorus.harness.run;

import static org.assertj.core.api.Assertions.assertThat;

import io.chorus.harness.history.History;
import io.chorus.harness.history.Receipt;
import io.chorus.harness.history.SessionOpen;
import io.chorus.harness.report.RunReport;
import io.chorus.harness.scenario.Phase;
import io.chorus.harness.scenario.Scenario;
import io.chorus.harness.scenario.ScenarioParser;
import io.chorus.harness.stack.ChorusHome;
import io.chorus.harness.stack.ExternalStack;
import io.chorus.harness.stack.LocalStackExtension;
import io.chorus.harness.stack.StackDescription;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * {@code scenarios/smoke.yaml} through the real drivers (import seeder, Gatling, WebSocket fleet, history listing,
 * cost probe) against the shared IT stack as an external stack, as {@code harness run --stack external} does, its
 * phases cut to {@link #WARMUP} and {@link #STEADY}: the whole scenario is CI's smoke step, and this test is about
 * the drivers and the checker, not the length of the load. Asserts the invariants and the fan-out's cost, not the
 * latency SLOs: the machine is shared, and speed is judged by harness runs, never by a test.
 */
@ExtendWith(LocalStackExtension.class)
class ScenarioRunIT {
    private static final Duration WARMUP = Duration.ofSeconds(10);
    private static final Duration STEADY = Duration.ofSeconds(15);

    @Test
    void smokeRunsThroughTheRealDriversWithNothingLostDuplicatedOrReordered(StackDescription stack) throws Exception {
        Scenario smoke =
                shortened(new ScenarioParser().parse(ChorusHome.locate().root().resolve("scenarios/smoke.yaml")));
        Path folder = Files.createDirectories(Path.of("target", "scenario-run-it", "smoke"))
                .toAbsolutePath();

        RunReport report = new ScenarioRun(
                        smoke,
                        "scenarios/smoke.yaml",
                        new ExternalStack(stack),
                        "external",
                        Drivers.available(),
                        folder,
                        System.out)
                .execute();

        assertThat(report.error()).isNull();
        assertThat(report.exitCode())
                .as("passed or breached an SLO, not a failed run")
                .isLessThan(2);
        assertThat(report.invariants())
                .isNotEmpty()
                .allSatisfy(i -> assertThat(i.holds()).as(i.name()).isTrue());
        assertThat(report.metrics())
                .containsEntry("messages.lost", 0.0)
                .containsEntry("deliveries.missing", 0.0)
                .containsEntry("deliveries.duplicated", 0.0)
                .containsEntry("order.violations", 0.0)
                .containsEntry("nats.subscriptions_per_instance", 1.0);
        // 25 s of load at 20 msg/s: about 500 sends, each to about 3 online members
        assertThat(report.metrics().get("messages.acked")).isGreaterThan(450.0);
        assertThat(report.metrics().get("deliveries.expected")).isGreaterThan(800.0);
        // every message goes to at most the 2 instances
        assertThat(report.metrics().get("fanout.publishes_per_message")).isBetween(0.5, 2.0);
        History history = History.read(folder.resolve(History.FILE));
        assertThat(history.of(SessionOpen.class)).hasSize(40);
        assertThat(history.of(Receipt.class).count())
                .isGreaterThanOrEqualTo(
                        report.metrics().get("deliveries.expected").longValue());
        assertThat(folder.resolve("report.html")).exists();
    }

    /** The scenario with its warm-up phase lasting {@link #WARMUP} and every other phase {@link #STEADY}. */
    private static Scenario shortened(Scenario scenario) {
        List<Phase> phases = scenario.phases().stream()
                .map(phase -> new Phase(
                        phase.name(),
                        phase.steps().stream()
                                .map(step -> new Phase.RateStep(step.rate(), phase.warmup() ? WARMUP : STEADY))
                                .toList(),
                        phase.channels(),
                        phase.messageSize(),
                        phase.warmup(),
                        phase.pick(),
                        phase.mix()))
                .toList();
        return scenario.withPhases(phases);
    }
}
