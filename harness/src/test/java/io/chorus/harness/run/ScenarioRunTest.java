package io.chorus.harness.run;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.chorus.harness.checker.StoreListing;
import io.chorus.harness.history.FaultWindow;
import io.chorus.harness.history.HistoryWriter;
import io.chorus.harness.history.PhaseWindow;
import io.chorus.harness.history.Receipt;
import io.chorus.harness.history.RunClock;
import io.chorus.harness.history.SendInvoke;
import io.chorus.harness.history.SendOk;
import io.chorus.harness.history.SessionOpen;
import io.chorus.harness.nemesis.Nemesis;
import io.chorus.harness.nemesis.ScheduledFault;
import io.chorus.harness.population.PopulationPlan;
import io.chorus.harness.population.Seeder;
import io.chorus.harness.report.ReportWriter;
import io.chorus.harness.report.RunReport;
import io.chorus.harness.scenario.Phase;
import io.chorus.harness.scenario.Scenario;
import io.chorus.harness.scenario.ScenarioParser;
import io.chorus.harness.stack.Stack;
import io.chorus.harness.stack.StackDescription;
import io.chorus.harness.stack.health.Health;
import io.chorus.harness.workload.LiveCounters;
import io.chorus.harness.workload.OnlineFleet;
import io.chorus.harness.workload.Workload;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The run's sequence and exit codes, with recording doubles for the stack and the drivers (this tests the
 * orchestration, not the system: no number here is a measurement).
 */
class ScenarioRunTest {
    private static final String YAML = """
            name: tiny
            population: {users: 4, shapes: [{group: g, kind: large-channels, members: 4}]}
            online: {users: 2, membersOf: g}
            phases: [{name: p, duration: 1s, rate: 3, channels: g}]
            slos: [{metric: messages.lost, max: 0}]
            """;

    @TempDir
    Path folder;

    final List<String> calls = new ArrayList<>();
    final List<String> online = new ArrayList<>();
    final ByteArrayOutputStream printed = new ByteArrayOutputStream();

    Scenario scenario() throws Exception {
        return new ScenarioParser().parse("tiny.yaml", YAML);
    }

    Stack stack() {
        return new Stack() {
            @Override
            public StackDescription up() {
                calls.add("up");
                return null;
            }

            @Override
            public List<Health> status() {
                return List.of();
            }

            @Override
            public void down() {
                calls.add("down");
            }
        };
    }

    ScenarioRun run(Drivers drivers) throws Exception {
        return new ScenarioRun(scenario(), "tiny.yaml", stack(), "local", drivers, folder, new PrintStream(printed));
    }

    @Test
    void withoutDriversTheRunFailsBeforeStartingAnythingAndSaysWhy() throws Exception {
        RunReport report = run(new Drivers(null, null, null, null)).execute();
        assertThat(calls).isEmpty();
        assertThat(report.exitCode()).isEqualTo(2);
        assertThat(report.error()).contains("POST /v1/channels/{id}/messages", "/v1/ws", "POST /v1/admin/import");
        assertThat(Files.readString(folder.resolve("junit.xml"))).contains("<error message=\"this build cannot drive");
        JsonNode json = ReportWriter.JSON.readTree(folder.resolve("report.json").toFile());
        assertThat(json.path("outcome").asText()).isEqualTo("error");
    }

    @Test
    void aScriptedRunGoesThroughEveryStepAndIsCheckedFromItsHistory() throws Exception {
        RunReport report = run(scripted(true)).execute();
        assertThat(calls)
                .containsExactly(
                        "up",
                        "seed",
                        "connect",
                        "open",
                        "run p",
                        "drain",
                        "close-fleet",
                        "close-workload",
                        "collect",
                        "down");
        assertThat(report.outcome()).isEqualTo(RunReport.PASSED);
        assertThat(report.metrics()).containsEntry("messages.acked", 3.0).containsEntry("deliveries.expected", 6.0);
        assertThat(Files.readAllLines(folder.resolve("history.ndjson"))).hasSizeGreaterThan(10);
    }

    @Test
    void aLostMessageBreachesTheRun() throws Exception {
        RunReport report = run(scripted(false)).execute();
        assertThat(report.exitCode()).isEqualTo(1);
        assertThat(report.metrics()).containsEntry("messages.lost", 1.0);
    }

    @Test
    void theStackComesDownWhenTheWorkloadThrows() throws Exception {
        Drivers good = scripted(true);
        Drivers failing = new Drivers(
                good.seeder(),
                good.fleet(),
                () -> new RecordingWorkload() {
                    @Override
                    public void run(Phase phase, LiveCounters live) {
                        throw new IllegalStateException("command API refused the connection");
                    }
                },
                good.store());
        RunReport report = run(failing).execute();
        assertThat(calls).startsWith("up").endsWith("down");
        assertThat(report.exitCode()).isEqualTo(2);
        assertThat(report.error()).contains("command API refused the connection");
    }

    @Test
    void theFaultScheduleRunsBesideThePhasesAndEachWindowReachesTheReport() throws Exception {
        Scenario withFaults = new ScenarioParser()
                .parse("tiny.yaml", YAML + "faults: [{at: 0s, duration: 1s, kind: pause, target: fanout-1}]\n");
        RunClock clock = new RunClock();
        Nemesis nemesis = new Nemesis() {
            @Override
            public void setup(StackDescription stack) {
                calls.add("nemesis setup");
            }

            @Override
            public long start(ScheduledFault fault) {
                calls.add("fault start");
                return clock.nowMicros();
            }

            @Override
            public FaultWindow heal(ScheduledFault fault) {
                calls.add("fault heal");
                return new FaultWindow(
                        fault.describe(), fault.target(), clock.nowMicros() - 500_000, clock.nowMicros());
            }

            @Override
            public void teardown() {
                calls.add("nemesis teardown");
            }
        };
        RunReport report = new ScenarioRun(
                        withFaults,
                        "tiny.yaml",
                        stack(),
                        "local",
                        scripted(true),
                        folder,
                        new PrintStream(printed),
                        stack -> nemesis)
                .execute();
        assertThat(calls)
                .containsSubsequence("open", "nemesis setup", "fault heal", "nemesis teardown", "drain", "down");
        assertThat(calls).contains("fault start", "run p");
        assertThat(report.faults())
                .extracting(RunReport.Window::name, RunReport.Window::detail)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("pause", "fanout-1"));
        assertThat(report.outcome()).isEqualTo(RunReport.PASSED);
    }

    /** Drivers that replay a tiny correct run (3 sends, 2 online members); with {@code storeAll} false one is lost. */
    Drivers scripted(boolean storeAll) {
        Seeder seeder = (plan, stack) -> {
            calls.add("seed");
            return user -> "token-" + user;
        };
        StoreListingHolder stored = new StoreListingHolder();
        return new Drivers(
                seeder,
                () -> new RecordingFleet(),
                () -> new RecordingWorkload() {
                    @Override
                    public void run(Phase phase, LiveCounters live) {
                        calls.add("run " + phase.name());
                        long t = clock.nowMicros();
                        for (int i = 0; i < 3; i++) {
                            history.append(new SendInvoke("k" + i, "g-0", "u9", phase.name(), t + i, t + i, 10));
                            history.append(new SendOk("k" + i, "m" + i, 202, t + i + 1000));
                            live.sent(); // as the real drivers do: the fault schedule's clock starts at the first send
                            for (String user : online) {
                                history.append(new Receipt(
                                        user, "c-" + user, "notification-1", "g-0", "m" + i, i + 1, t + i + 2000));
                            }
                            if (storeAll || i > 0) {
                                stored.messages.add(new StoreListing.StoredMessage("g-0", "m" + i, "k" + i));
                            }
                        }
                        history.append(new PhaseWindow(phase.name(), 0, 3, t, t + 1_000_000));
                    }
                },
                (stack, readers, users) -> {
                    calls.add("collect");
                    assertThat(readers).containsExactly(Map.entry("g-0", "u9"));
                    return new StoreListing(stored.messages);
                });
    }

    static final class StoreListingHolder {
        final List<StoreListing.StoredMessage> messages = new ArrayList<>();
    }

    class RecordingFleet implements OnlineFleet {
        @Override
        public void connect(
                StackDescription stack,
                Map<String, Integer> placement,
                Seeder.Seeded users,
                HistoryWriter history,
                RunClock clock,
                LiveCounters live) {
            calls.add("connect");
            assertThat(placement).hasSize(2);
            online.addAll(placement.keySet());
            placement.forEach((user, instance) -> history.append(new SessionOpen(
                    user, "c-" + user, "notification-" + (instance + 1), clock.nowMicros() - 10_000_000)));
        }

        @Override
        public void drain(Duration quiet, Duration max) {
            calls.add("drain");
        }

        @Override
        public void close() {
            if (!calls.contains("close-fleet")) {
                calls.add("close-fleet");
            }
        }
    }

    class RecordingWorkload implements Workload {
        HistoryWriter history;
        RunClock clock;

        @Override
        public void open(
                StackDescription stack,
                PopulationPlan population,
                Seeder.Seeded users,
                HistoryWriter history,
                RunClock clock) {
            calls.add("open");
            this.history = history;
            this.clock = clock;
        }

        @Override
        public void run(Phase phase, LiveCounters live) {}

        @Override
        public void close() {
            if (!calls.contains("close-workload")) {
                calls.add("close-workload");
            }
        }
    }
}
