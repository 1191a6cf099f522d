package io.chorus.harness.explore;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.chorus.harness.checker.Analysis;
import io.chorus.harness.checker.Invariant;
import io.chorus.harness.nemesis.FaultKind;
import io.chorus.harness.nemesis.FaultSchedule;
import io.chorus.harness.nemesis.ScheduledFault;
import io.chorus.harness.report.RunReport;
import io.chorus.harness.scenario.Scenario;
import io.chorus.harness.scenario.ScenarioParser;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The exploration loop with a stand-in for the stack's runs (a trial "loses messages" iff a kill overlaps a
 * latency): it finds the failure, shrinks it, writes a found scenario that {@code harness validate}'s parser accepts
 * and that fails again, and a summary; it stops at the trial count and at the budget.
 */
class ExplorationTest {
    private static final String SCENARIO = """
            name: tiny
            seed: 7
            stack:
              natsNodes: 3
              cassandraNodes: 1
              fanoutInstances: 1
              notificationInstances: 2
            population:
              users: 20
              shapes:
                - group: team
                  kind: large-channels
                  channels: 1
                  members: 20
            online:
              users: 5
              membersOf: team
            phases:
              - name: steady
                duration: 60s
                rate: 5
                channels: all
            slos:
              - metric: messages.lost
                max: 0
            """;

    /** Fails iff a kill overlaps a latency in time, as the checker would report a lost message. */
    private static RunReport fakeRun(Scenario trial, Path folder, List<Scenario> seen) {
        seen.add(trial);
        List<ScheduledFault> faults = trial.faults().faults();
        boolean lost = faults.stream()
                .anyMatch(k -> k.kind() == FaultKind.KILL
                        && faults.stream().anyMatch(l -> l.kind() == FaultKind.LATENCY && Windows.overlap(k, l)));
        return new RunReport(
                RunReport.SCHEMA_VERSION,
                new RunReport.ScenarioInfo(trial.name(), trial.description(), "tiny.yaml", trial.seed()),
                new RunReport.RunInfo(folder.getFileName().toString(), "", "", 0),
                lost ? RunReport.BREACHED : RunReport.PASSED,
                null,
                null,
                List.of(),
                List.of(),
                Map.of(),
                List.of(),
                List.of(new Invariant("messages.lost", lost ? 1 : 0, List.of())),
                Analysis.Checks.NONE,
                null,
                RunReport.Series.EMPTY,
                null,
                Map.of());
    }

    private static final ExploreBounds KILLS_AND_LATENCY = ExploreBounds.defaults()
            .withKinds(Set.of(FaultKind.KILL, FaultKind.LATENCY))
            .withTargets(Set.of("notification-1", "fanout-1", "command -> nats", "notification-1 -> nats"));

    @Test
    void findsShrinksAndWritesARunnableScenario(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("tiny.yaml"), SCENARIO);
        Scenario scenario = new ScenarioParser().parse(file);
        List<Scenario> seen = new ArrayList<>();
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        Path folder = Files.createDirectories(dir.resolve("explore/run-1"));
        ExploreSummary summary = new Exploration(
                        scenario,
                        SCENARIO,
                        KILLS_AND_LATENCY,
                        new Exploration.Settings(42, 30, Duration.ofHours(1), 200),
                        (trial, f) -> fakeRun(trial, f, seen),
                        folder,
                        new PrintStream(printed, true, StandardCharsets.UTF_8),
                        System::nanoTime)
                .run();

        assertThat(summary.trials()).isEqualTo(30);
        assertThat(summary.failures()).isPositive();
        assertThat(seen).allMatch(t -> t.stack().links().equals("proxied"));
        assertThat(seen).allMatch(t -> t.phases().equals(scenario.phases()) && t.seed() == 7);

        ExploreSummary.Found first = summary.found().get(0);
        assertThat(first.broken()).containsExactly("messages.lost");
        assertThat(first.minimal()).isTrue();
        assertThat(first.schedule()).hasSize(2);

        Scenario found = new ScenarioParser().parse(folder.resolve(first.file()));
        assertThat(found.name()).isEqualTo("tiny-found-1");
        assertThat(found.stack().links()).isEqualTo("proxied");
        assertThat(found.population()).isEqualTo(scenario.population());
        assertThat(found.faults().faults())
                .extracting(ScheduledFault::kind)
                .containsExactlyInAnyOrder(FaultKind.KILL, FaultKind.LATENCY);
        assertThat(fakeRun(found, folder, new ArrayList<>()).outcome()).isEqualTo(RunReport.BREACHED);
        assertThat(Files.readString(folder.resolve(first.file()))).startsWith("# Found by harness explore");

        JsonNode json =
                new ObjectMapper().readTree(folder.resolve("summary.json").toFile());
        assertThat(json.get("trials").asInt()).isEqualTo(30);
        assertThat(json.get("found").get(0).get("file").asText()).isEqualTo("found-1.yaml");
        assertThat(json.get("faultsTriedByKind").get("kill").asInt()).isPositive();
        assertThat(Files.isDirectory(folder.resolve(first.report()))).isTrue();
        assertThat(Files.readString(folder.resolve("summary.html")))
                .contains(
                        "30 trials, " + summary.failures() + " failures found",
                        "href=\"found-1.yaml\"",
                        "messages.lost");
        assertThat(printed.toString(StandardCharsets.UTF_8)).contains("explore: 30 trials of 30, ");
    }

    @Test
    void aPlantedBugIsKeptByEveryTrialAndByTheFoundScenario(@TempDir Path dir) throws Exception {
        String planted = SCENARIO.replace(
                "  notificationInstances: 2\n", "  notificationInstances: 2\n  plantedBug: ack-before-write\n");
        Path file = Files.writeString(dir.resolve("tiny.yaml"), planted);
        Scenario scenario = new ScenarioParser().parse(file);
        List<Scenario> seen = new ArrayList<>();
        Path folder = Files.createDirectories(dir.resolve("explore/run-1"));
        ExploreSummary summary = new Exploration(
                        scenario,
                        planted,
                        KILLS_AND_LATENCY,
                        new Exploration.Settings(42, 30, Duration.ofHours(1), 5),
                        (trial, f) -> fakeRun(trial, f, seen),
                        folder,
                        new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
                        System::nanoTime)
                .run();

        assertThat(scenario.stack().plantedBug()).isEqualTo("ack-before-write");
        assertThat(seen)
                .isNotEmpty()
                .allMatch(t -> "ack-before-write".equals(t.stack().plantedBug()));
        assertThat(summary.found()).isNotEmpty();
        Scenario found =
                new ScenarioParser().parse(folder.resolve(summary.found().get(0).file()));
        assertThat(found.stack().plantedBug()).isEqualTo("ack-before-write");
    }

    @Test
    void theSameSeedTriesTheSameSchedules(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("tiny.yaml"), SCENARIO);
        Scenario scenario = new ScenarioParser().parse(file);
        List<List<FaultSchedule>> runs = new ArrayList<>();
        for (int run = 0; run < 2; run++) {
            List<Scenario> seen = new ArrayList<>();
            new Exploration(
                            scenario,
                            SCENARIO,
                            KILLS_AND_LATENCY,
                            new Exploration.Settings(5, 10, Duration.ofHours(1), 50),
                            (trial, f) -> fakeRun(trial, f, seen),
                            Files.createDirectories(dir.resolve("run-" + run)),
                            new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
                            System::nanoTime)
                    .run();
            runs.add(seen.stream().map(Scenario::faults).toList());
        }
        assertThat(runs.get(1).stream().map(FaultSchedule::faults).toList())
                .isEqualTo(runs.get(0).stream().map(FaultSchedule::faults).toList());
    }

    @Test
    void noTrialStartsOnceTheBudgetIsSpent(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("tiny.yaml"), SCENARIO);
        Scenario scenario = new ScenarioParser().parse(file);
        AtomicLong clock = new AtomicLong();
        // each trial takes a minute of the fake clock; the budget is two and a half
        ExploreSummary summary = new Exploration(
                        scenario,
                        SCENARIO,
                        ExploreBounds.defaults().withKinds(Set.of(FaultKind.PAUSE)),
                        new Exploration.Settings(1, Integer.MAX_VALUE, Duration.ofSeconds(150), 10),
                        (trial, f) -> {
                            clock.addAndGet(Duration.ofMinutes(1).toNanos());
                            return fakeRun(trial, f, new ArrayList<>());
                        },
                        Files.createDirectories(dir.resolve("run")),
                        new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
                        clock::get)
                .run();
        assertThat(summary.trials()).isEqualTo(3);
        assertThat(summary.failures()).isZero();
    }
}
