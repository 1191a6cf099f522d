package io.chorus.harness.nemesis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.chorus.harness.Poll;
import io.chorus.harness.history.FaultWindow;
import io.chorus.harness.history.History;
import io.chorus.harness.history.HistoryWriter;
import io.chorus.harness.history.RunClock;
import io.chorus.harness.stack.StackDescription;
import io.chorus.harness.stack.StackShape;
import io.chorus.harness.webhook.LoopbackReceiver;
import io.chorus.harness.webhook.ReceiverFleet;
import io.chorus.harness.webhook.ReceiverMode;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The timeline with a recording nemesis: order of starts and heals, windows in the history, heal on close. */
class FaultTimelineTest {
    @TempDir
    Path dir;

    final RunClock clock = new RunClock();
    final List<String> calls = Collections.synchronizedList(new ArrayList<>());
    final PrintStream out = new PrintStream(new ByteArrayOutputStream());

    class Recording implements Nemesis {
        final String failHealOf;

        Recording(String failHealOf) {
            this.failHealOf = failHealOf;
        }

        @Override
        public void setup(StackDescription stack) {
            calls.add("setup");
        }

        @Override
        public long start(ScheduledFault fault) {
            calls.add("start " + fault.index());
            return clock.nowMicros();
        }

        @Override
        public FaultWindow heal(ScheduledFault fault) {
            calls.add("heal " + fault.index());
            if (fault.target().equals(failHealOf)) {
                throw new IllegalStateException(fault.target() + " not healthy");
            }
            return new FaultWindow(fault.describe(), fault.target(), clock.nowMicros() - 1, clock.nowMicros());
        }

        @Override
        public void teardown() {
            calls.add("teardown");
        }
    }

    private static FaultSchedule schedule(ScheduledFault... faults) {
        return FaultSchedule.of(List.of(faults), FaultTargets.of(StackShape.DEFAULT), Duration.ofMinutes(5));
    }

    private static ScheduledFault fault(int index, long atMs, Long untilMs, FaultKind kind, String target) {
        return new ScheduledFault(
                index,
                Duration.ofMillis(atMs),
                untilMs == null ? null : Duration.ofMillis(untilMs),
                kind,
                target,
                kind == FaultKind.LATENCY ? Map.of("latency", "100ms") : Map.of());
    }

    @Test
    void overlappingFaultsStartAndHealOnTheirOwnTimesAndEachWindowIsInTheHistory() {
        Path file = dir.resolve(History.FILE);
        FaultSchedule schedule = schedule(
                fault(0, 0, 400L, FaultKind.PAUSE, "notification-1"),
                fault(1, 100, 250L, FaultKind.LATENCY, "command -> nats"),
                fault(2, 150, null, FaultKind.RESTART, "fanout-1"));
        try (HistoryWriter history = new HistoryWriter(file)) {
            FaultTimeline timeline = FaultTimeline.start(schedule, null, s -> new Recording(null), history, out);
            awaitCalls(7);
            timeline.close();
        }
        assertThat(calls)
                .containsExactly("setup", "start 0", "start 1", "start 2", "heal 2", "heal 1", "heal 0", "teardown");
        assertThat(History.read(file).of(FaultWindow.class).map(FaultWindow::target))
                .containsExactly("fanout-1", "command -> nats", "notification-1");
    }

    @Test
    void killsOfSingleInstancesOfAScaledStackAndOfItsGatewayRunInTurnAndEachIsInTheHistory() {
        Path file = dir.resolve(History.FILE);
        StackShape scaled = new StackShape(3, 1, 3, 3, null, StackShape.PROXIED).withInstances(2, 2, 2, 1, 1);
        FaultSchedule schedule = FaultSchedule.of(
                List.of(
                        fault(0, 0, 60L, FaultKind.KILL, "command-2"),
                        fault(1, 80, 140L, FaultKind.KILL, "query-2"),
                        fault(2, 160, 220L, FaultKind.KILL, "message-writer-2"),
                        fault(3, 240, 300L, FaultKind.PAUSE, "gateway")),
                FaultTargets.of(scaled),
                Duration.ofMinutes(5));
        try (HistoryWriter history = new HistoryWriter(file)) {
            FaultTimeline timeline = FaultTimeline.start(schedule, null, s -> new Recording(null), history, out);
            awaitCalls(9);
            timeline.close();
        }
        assertThat(calls)
                .containsExactly(
                        "setup",
                        "start 0",
                        "heal 0",
                        "start 1",
                        "heal 1",
                        "start 2",
                        "heal 2",
                        "start 3",
                        "heal 3",
                        "teardown");
        assertThat(History.read(file).of(FaultWindow.class).map(FaultWindow::target))
                .containsExactly("command-2", "query-2", "message-writer-2", "gateway");
    }

    @Test
    void closingEarlyHealsWhatIsInForceAndSkipsWhatIsNotYetDue() {
        Path file = dir.resolve(History.FILE);
        FaultSchedule schedule = schedule(
                fault(0, 0, 60_000L, FaultKind.DOWN, "command -> nats"),
                fault(1, 50_000, 55_000L, FaultKind.KILL, "nats-2"));
        try (HistoryWriter history = new HistoryWriter(file)) {
            FaultTimeline timeline = FaultTimeline.start(schedule, null, s -> new Recording(null), history, out);
            awaitCalls(2);
            timeline.close();
        }
        assertThat(calls).containsExactly("setup", "start 0", "heal 0", "teardown");
        assertThat(History.read(file).of(FaultWindow.class)).hasSize(1);
    }

    @Test
    void theClockStartsWhenTheLoadDoesNotWhenTheTimelineIsOpened() throws Exception {
        FaultSchedule schedule = schedule(fault(0, 0, 50L, FaultKind.KILL, "nats-2"));
        CompletableFuture<Void> loadStarted = new CompletableFuture<>();
        try (HistoryWriter history = new HistoryWriter(dir.resolve(History.FILE))) {
            FaultTimeline timeline =
                    FaultTimeline.start(schedule, null, s -> new Recording(null), history, out, loadStarted);
            Thread.sleep(300); // a fault due at 0 would have started by now if the clock had
            assertThat(calls).containsExactly("setup");
            loadStarted.complete(null);
            awaitCalls(3);
            timeline.close();
        }
        assertThat(calls).containsExactly("setup", "start 0", "heal 0", "teardown");
    }

    @Test
    void aLoadThatNeverStartsStartsNoFault() {
        FaultSchedule schedule = schedule(fault(0, 0, 50L, FaultKind.KILL, "nats-2"));
        CompletableFuture<Void> loadStarted = new CompletableFuture<>();
        try (HistoryWriter history = new HistoryWriter(dir.resolve(History.FILE))) {
            FaultTimeline.start(schedule, null, s -> new Recording(null), history, out, loadStarted)
                    .close();
            loadStarted.complete(null);
        }
        assertThat(calls).containsExactly("setup", "teardown");
    }

    @Test
    void aFaultThatCannotHealFailsTheRunNamingIt() {
        FaultSchedule schedule = schedule(fault(0, 0, 50L, FaultKind.KILL, "nats-3"));
        try (HistoryWriter history = new HistoryWriter(dir.resolve(History.FILE))) {
            FaultTimeline timeline = FaultTimeline.start(schedule, null, s -> new Recording("nats-3"), history, out);
            awaitCalls(3);
            assertThatThrownBy(timeline::close)
                    .hasMessageContaining("faults[0] kill on nats-3 could not heal: " + "nats-3 not healthy");
        }
    }

    @Test
    void anEmptyScheduleMakesNoNemesis() {
        try (HistoryWriter history = new HistoryWriter(dir.resolve(History.FILE))) {
            FaultTimeline.start(
                            FaultSchedule.EMPTY,
                            null,
                            s -> {
                                throw new AssertionError("no nemesis without faults");
                            },
                            history,
                            out)
                    .close();
        }
    }

    private void awaitCalls(int count) {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (calls.size() < count && System.nanoTime() < deadline) {
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                throw new AssertionError(e);
            }
        }
        assertThat(calls.size()).as("calls " + calls).isGreaterThanOrEqualTo(count);
    }

    @Test
    void aReceiverFaultSetsItsReceiversModeUntilItHeals() {
        Path file = dir.resolve(History.FILE);
        FaultSchedule schedule = schedule(
                new ScheduledFault(
                        0,
                        Duration.ZERO,
                        Duration.ofMinutes(1),
                        FaultKind.WEBHOOK_ERROR,
                        "hook-1",
                        Map.of("status", "503")),
                new ScheduledFault(
                        1, Duration.ZERO, Duration.ofMinutes(1), FaultKind.WEBHOOK_DOWN, "hook-2", Map.of()));
        try (ReceiverFleet fleet = ReceiverFleet.start(3, clock);
                HistoryWriter history = new HistoryWriter(file)) {
            LoopbackReceiver first = fleet.receiver("hook-1").orElseThrow();
            LoopbackReceiver second = fleet.receiver("hook-2").orElseThrow();
            FaultTimeline timeline =
                    FaultTimeline.start(schedule, null, s -> new ReceiverNemesis(fleet, clock), history, out);
            Poll.until(
                    "the faults are in force",
                    Duration.ofSeconds(5),
                    () -> !first.mode().equals(ReceiverMode.HEALTHY)
                            && !second.mode().equals(ReceiverMode.HEALTHY));
            assertThat(first.mode()).isEqualTo(new ReceiverMode.Failing(503));
            assertThat(second.mode()).isEqualTo(new ReceiverMode.Down());
            assertThat(fleet.receiver("hook-3").orElseThrow().mode()).isEqualTo(ReceiverMode.HEALTHY);
            // closing before the windows end heals them: each receiver answers healthily again
            timeline.close();
            assertThat(first.mode()).isEqualTo(ReceiverMode.HEALTHY);
            assertThat(second.mode()).isEqualTo(ReceiverMode.HEALTHY);
        }
        assertThat(History.read(file).of(FaultWindow.class).map(FaultWindow::fault))
                .containsExactlyInAnyOrder("webhook-error status=503", "webhook-down");
    }
}
