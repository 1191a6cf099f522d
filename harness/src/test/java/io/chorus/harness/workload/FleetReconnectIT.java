package io.chorus.harness.workload;

import static org.assertj.core.api.Assertions.assertThat;

import io.chorus.harness.Poll;
import io.chorus.harness.checker.DuplicateChecker;
import io.chorus.harness.checker.OrderChecker;
import io.chorus.harness.checker.ResumeChecker;
import io.chorus.harness.checker.Roster;
import io.chorus.harness.history.History;
import io.chorus.harness.history.HistoryWriter;
import io.chorus.harness.history.Receipt;
import io.chorus.harness.history.RunClock;
import io.chorus.harness.history.SendInvoke;
import io.chorus.harness.history.SendOk;
import io.chorus.harness.history.SessionClose;
import io.chorus.harness.history.SessionOpen;
import io.chorus.harness.history.SessionResync;
import io.chorus.harness.population.ImportSeeder;
import io.chorus.harness.population.PopulationPlan;
import io.chorus.harness.population.Seeder;
import io.chorus.harness.scenario.MembershipShape.LargeChannels;
import io.chorus.harness.scenario.PopulationSpec;
import io.chorus.harness.stack.LocalStack;
import io.chorus.harness.stack.LocalStackExtension;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * kill -9 of a notification instance under a trickle of sends: every fleet socket it held reconnects, on its own,
 * to the other instance with its resume token, and every member receives every message exactly once and in order
 * (the gap replayed from JetStream, no resync). The killed instance is started again at the end, since the stack
 * is shared by the classes that follow.
 */
@Order(31)
@ExtendWith(LocalStackExtension.class)
class FleetReconnectIT {
    private static final int ON_KILLED = 6;
    private static final int ON_OTHER = 2;
    private static final Duration WAIT = Duration.ofSeconds(60);

    @Test
    void socketsOfAKilledInstanceReconnectToTheOtherAndResumeWithoutGapOrDuplicate(LocalStack stack) throws Exception {
        var description = stack.description();
        String tag = UUID.randomUUID().toString().substring(0, 6);
        String group = "reco-" + tag;
        int members = ON_KILLED + ON_OTHER;
        PopulationPlan plan =
                new PopulationPlan(new PopulationSpec(members, List.of(new LargeChannels(group, 1, members))), 7);
        Seeder.Seeded users = new ImportSeeder(new PrintStream(PrintStream.nullOutputStream())).seed(plan, description);
        String channel = PopulationPlan.channel(group, 0);
        Map<String, Integer> placement = new LinkedHashMap<>();
        for (int u = 0; u < members; u++) {
            placement.put(PopulationPlan.user(u), u < ON_KILLED ? 0 : 1);
        }
        String killed = description.services().notification().get(0).name();
        String other = description.services().notification().get(1).name();
        Path file = Files.createTempFile("fleet-reconnect-", ".ndjson");
        List<String> sent = new CopyOnWriteArrayList<>();
        RunClock clock = new RunClock();
        LiveCounters live = new LiveCounters();
        try (HistoryWriter history = new HistoryWriter(file);
                WebSocketFleet fleet = new WebSocketFleet()) {
            fleet.connect(description, placement, users, history, clock, live);
            Trickle trickle = new Trickle(
                    new MessageSender(description, users),
                    PopulationPlan.user(members - 1),
                    channel,
                    history,
                    clock,
                    sent);
            Thread sender = new Thread(trickle, "trickle");
            sender.start();
            try {
                Poll.until("10 messages sent before the kill", WAIT, () -> sent.size() >= 10);
                kill9(stack, killed);
                Poll.until("every socket of " + killed + " reconnected", WAIT, () -> fleet.reconnects() >= ON_KILLED);
                int atReconnect = sent.size();
                Poll.until("10 more messages after the reconnects", WAIT, () -> sent.size() >= atReconnect + 10);
            } finally {
                trickle.stop.set(true);
                sender.join(TimeUnit.SECONDS.toMillis(30));
            }
            Poll.until(
                    "every member received every message",
                    WAIT,
                    () -> live.snapshot().delivered() >= (long) sent.size() * members);
            fleet.drain(Duration.ofMillis(500), Duration.ofSeconds(10));
            fleet.close();
        } finally {
            stack.restart(killed);
        }

        History history = History.read(file);
        Set<String> moved = placement.keySet().stream().limit(ON_KILLED).collect(Collectors.toSet());
        assertThat(history.of(SessionOpen.class)
                        .filter(o -> o.instance().equals(other))
                        .map(SessionOpen::user))
                .as("each socket of the killed instance is ready again on the other")
                .containsAll(moved)
                .hasSize(members);
        assertThat(history.of(SessionClose.class)
                        .filter(c -> !c.reason().equals("end of run"))
                        .map(SessionClose::user))
                .containsExactlyInAnyOrderElementsOf(moved);
        assertThat(history.of(SessionResync.class))
                .as("a gap of seconds is replayed, not resynced")
                .isEmpty();
        Map<String, List<String>> received = history.of(Receipt.class)
                .collect(Collectors.groupingBy(
                        Receipt::receiver, Collectors.mapping(Receipt::messageId, Collectors.toList())));
        assertThat(received).hasSize(members);
        received.forEach((user, ids) -> assertThat(ids).as(user).containsExactlyInAnyOrderElementsOf(sent));

        Roster roster = new Roster(placement.keySet().stream().collect(Collectors.toMap(u -> u, u -> Set.of(channel))));
        ResumeChecker.Result resume = new ResumeChecker(roster).check(history);
        assertThat(resume.resumedMembers()).isEqualTo(ON_KILLED);
        assertThat(resume.owed()).isEqualTo((long) ON_KILLED * sent.size());
        assertThat(resume.gaps()).isZero();
        assertThat(new DuplicateChecker().check(history).duplicated()).isZero();
        assertThat(new OrderChecker().check(history).violations()).isZero();
        Files.deleteIfExists(file);
    }

    /**
     * Issue 4: an instance paused past its heartbeat TTL is dropped from the fan-out's routing table, so events sent
     * meanwhile are not routed to it, though its sessions never disconnected. When it heartbeats again the fan-out
     * readmits it and tells it so; it closes its sessions with 4009 and the fleet's resume replays the gap.
     */
    @Test
    void sessionsOfAnInstanceTheFanoutDroppedAndReadmittedGetWhatWasSentMeanwhile(LocalStack stack) throws Exception {
        var description = stack.description();
        String tag = UUID.randomUUID().toString().substring(0, 6);
        String group = "readmit-" + tag;
        int members = 4;
        PopulationPlan plan = new PopulationPlan(
                new PopulationSpec(members + 1, List.of(new LargeChannels(group, 1, members + 1))), 11);
        Seeder.Seeded users = new ImportSeeder(new PrintStream(PrintStream.nullOutputStream())).seed(plan, description);
        String channel = PopulationPlan.channel(group, 0);
        String writer = PopulationPlan.user(members); // a member who is not online
        Map<String, Integer> placement = new LinkedHashMap<>();
        for (int u = 0; u < members; u++) {
            placement.put(PopulationPlan.user(u), 1);
        }
        String paused = description.services().notification().get(1).name();
        Path fanoutLog = Path.of(description.runDir(), "logs", "fanout-1.log");
        String dropLine = "instance " + paused + " stopped heartbeating";
        MessageSender sender = new MessageSender(description, users);
        Path file = Files.createTempFile("fleet-readmit-", ".ndjson");
        List<String> sent = new ArrayList<>();
        LiveCounters live = new LiveCounters();
        try (HistoryWriter history = new HistoryWriter(file);
                WebSocketFleet fleet = new WebSocketFleet()) {
            fleet.connect(description, placement, users, history, new RunClock(), live);
            for (int i = 0; i < 3; i++) {
                sent.add(sender.send(writer, channel, "before-" + tag + i, "before " + i));
            }
            Poll.until(
                    "the first messages delivered", WAIT, () -> live.snapshot().delivered() >= 3L * members);
            long dropsBefore = PausedProcesses.occurrences(fanoutLog, dropLine);
            List<Long> pids = stack.processesOf(paused);
            PausedProcesses.signal(pids, "STOP");
            try {
                Poll.until(
                        "the fan-out dropped " + paused,
                        WAIT,
                        () -> PausedProcesses.occurrences(fanoutLog, dropLine) > dropsBefore);
                for (int i = 0; i < 5; i++) {
                    sent.add(sender.send(writer, channel, "dropped-" + tag + i, "while dropped " + i));
                }
            } finally {
                PausedProcesses.signal(pids, "CONT");
            }
            Poll.until(
                    "every member got every message, the gap included",
                    WAIT,
                    () -> live.snapshot().delivered() >= (long) sent.size() * members);
            sent.add(sender.send(writer, channel, "after-" + tag, "after"));
            Poll.until("the message after", WAIT, () -> live.snapshot().delivered() >= (long) sent.size() * members);
            fleet.drain(Duration.ofMillis(500), Duration.ofSeconds(10));
            fleet.close();
        }
        History history = History.read(file);
        assertThat(history.of(SessionClose.class)
                        .filter(c -> c.reason().contains("4009"))
                        .map(SessionClose::user))
                .as("every session was told to resume")
                .containsAll(placement.keySet());
        Map<String, List<String>> received = history.of(Receipt.class)
                .collect(Collectors.groupingBy(
                        Receipt::receiver, Collectors.mapping(Receipt::messageId, Collectors.toList())));
        assertThat(received).hasSize(members);
        received.forEach((user, ids) -> assertThat(ids).as(user).containsExactlyInAnyOrderElementsOf(sent));
        assertThat(new OrderChecker().check(history).violations()).isZero();
        Files.deleteIfExists(file);
    }

    private static void kill9(LocalStack stack, String component) throws Exception {
        long pid = stack.description().pids().get(component);
        ProcessHandle process = ProcessHandle.of(pid).orElseThrow(() -> new AssertionError(component + " not running"));
        process.destroyForcibly(); // SIGKILL: a crash, no shutdown hooks
        process.onExit().get(30, TimeUnit.SECONDS);
    }

    /** One send every 100 ms, recorded as invoke and ok so the checkers can judge the history. */
    private static final class Trickle implements Runnable {
        final AtomicBoolean stop = new AtomicBoolean();
        private final MessageSender sender;
        private final String user;
        private final String channel;
        private final HistoryWriter history;
        private final RunClock clock;
        private final List<String> sent;

        Trickle(
                MessageSender sender,
                String user,
                String channel,
                HistoryWriter history,
                RunClock clock,
                List<String> sent) {
            this.sender = sender;
            this.user = user;
            this.channel = channel;
            this.history = history;
            this.clock = clock;
            this.sent = sent;
        }

        @Override
        public void run() {
            for (int i = 0; !stop.get(); i++) {
                String clientMsgId = "trickle-" + i + "-" + UUID.randomUUID();
                long at = clock.nowMicros();
                history.append(new SendInvoke(clientMsgId, channel, user, "trickle", at, at, 10));
                String messageId = sender.send(user, channel, clientMsgId, "trickle " + i);
                history.append(new SendOk(clientMsgId, messageId, 202, clock.nowMicros()));
                sent.add(messageId);
                try {
                    Thread.sleep(100); // the pace of the trickle, not a wait for readiness
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }
}
