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
import io.chorus.harness.history.SessionResync;
import io.chorus.harness.population.ImportSeeder;
import io.chorus.harness.population.PopulationPlan;
import io.chorus.harness.population.Seeder;
import io.chorus.harness.scenario.MembershipShape.BusyUsers;
import io.chorus.harness.scenario.PopulationSpec;
import io.chorus.harness.stack.LocalStack;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Issue 4 at scale (decision 0070): a user in thousands of channels on a notification instance that is paused past
 * its heartbeat TTL (6 s) while messages to many of its channels keep flowing. The fan-out drops the instance; when
 * it runs again its sessions are closed with 4009 and the user resumes: every message sent before, during and after
 * reaches the user's socket exactly once and in order within each channel, replayed rather than resynced.
 */
@Order(32)
@ExtendWith(io.chorus.harness.stack.LocalStackExtension.class)
class DroppedInstanceBusyUserIT {
    private static final int CHANNELS = 3_000;
    /** Channels the trickle cycles through, spread over all of the user's: each gets several messages, so order counts. */
    private static final int SENT_TO = 40;

    private static final Duration WAIT = Duration.ofSeconds(90);

    @Test
    void aUserInThousandsOfChannelsGetsWhatWasSentWhileTheFanoutHadDroppedItsInstance(LocalStack stack)
            throws Exception {
        var description = stack.description();
        String group = "dropbusy-" + UUID.randomUUID().toString().substring(0, 6);
        PopulationPlan plan =
                new PopulationPlan(new PopulationSpec(20, List.of(new BusyUsers(group, 1, CHANNELS, 1))), 13);
        Seeder.Seeded users = new ImportSeeder(new PrintStream(PrintStream.nullOutputStream())).seed(plan, description);
        String busy = PopulationPlan.user(0);
        List<String[]> targets = new ArrayList<>(); // {channel, the other member who sends to it}
        for (int i = 0; i < SENT_TO; i++) {
            long c = (long) i * CHANNELS / SENT_TO;
            List<Long> members = new ArrayList<>();
            plan.forEachMember(group, c, members::add);
            targets.add(new String[] {PopulationPlan.channel(group, c), PopulationPlan.user(members.get(1))});
        }
        String paused = description.services().notification().get(1).name();
        Path fanoutLog = Path.of(description.runDir(), "logs", "fanout-1.log");
        String dropLine = "instance " + paused + " stopped heartbeating";
        Path file = Files.createTempFile("dropped-busy-", ".ndjson");
        List<String> sent = new CopyOnWriteArrayList<>();
        RunClock clock = new RunClock();
        LiveCounters live = new LiveCounters();
        try (HistoryWriter history = new HistoryWriter(file);
                WebSocketFleet fleet = new WebSocketFleet()) {
            fleet.connect(description, Map.of(busy, 1), users, history, clock, live);
            Trickle trickle = new Trickle(new MessageSender(description, users), targets, history, clock, sent);
            Thread sender = new Thread(trickle, "trickle");
            sender.start();
            try {
                Poll.until(
                        "10 messages delivered before the pause",
                        WAIT,
                        () -> live.snapshot().delivered() >= 10);
                long dropsBefore = PausedProcesses.occurrences(fanoutLog, dropLine);
                List<Long> pids = stack.processesOf(paused);
                PausedProcesses.signal(pids, "STOP");
                try {
                    Poll.until(
                            "the fan-out dropped " + paused,
                            WAIT,
                            () -> PausedProcesses.occurrences(fanoutLog, dropLine) > dropsBefore);
                    int atDrop = sent.size();
                    Poll.until("20 messages sent while dropped", WAIT, () -> sent.size() >= atDrop + 20);
                } finally {
                    PausedProcesses.signal(pids, "CONT");
                }
                Poll.until("the busy user resumed", WAIT, () -> fleet.reconnects() >= 1);
                int atResume = sent.size();
                Poll.until("20 more messages after the resume", WAIT, () -> sent.size() >= atResume + 20);
            } finally {
                trickle.stop.set(true);
                sender.join(TimeUnit.SECONDS.toMillis(30));
            }
            Poll.until(
                    "the busy user received every message",
                    WAIT,
                    () -> live.snapshot().delivered() >= sent.size());
            fleet.drain(Duration.ofMillis(500), Duration.ofSeconds(10));
            fleet.close();
        }

        History history = History.read(file);
        assertThat(history.of(SessionClose.class)
                        .filter(c -> c.reason().contains("4009"))
                        .map(SessionClose::user))
                .as("the busy user was told to resume")
                .contains(busy);
        assertThat(history.of(SessionResync.class))
                .as("seconds of gap are replayed, not resynced")
                .isEmpty();
        List<String> received = history.of(Receipt.class)
                .filter(r -> r.receiver().equals(busy))
                .map(Receipt::messageId)
                .toList();
        assertThat(received).as("every message exactly once").containsExactlyInAnyOrderElementsOf(sent);
        Set<String> channels = new HashSet<>();
        for (long c = 0; c < CHANNELS; c++) {
            channels.add(PopulationPlan.channel(group, c));
        }
        ResumeChecker.Result resume = new ResumeChecker(new Roster(Map.of(busy, channels))).check(history);
        assertThat(resume.resumedMembers()).isEqualTo(1);
        assertThat(resume.gaps()).isZero();
        assertThat(new DuplicateChecker().check(history).duplicated()).isZero();
        assertThat(new OrderChecker().check(history).violations()).isZero();
        Files.deleteIfExists(file);
    }

    /** One send every 50 ms, round the target channels, each from its other member; recorded for the checkers. */
    private static final class Trickle implements Runnable {
        final AtomicBoolean stop = new AtomicBoolean();
        private final MessageSender sender;
        private final List<String[]> targets;
        private final HistoryWriter history;
        private final RunClock clock;
        private final List<String> sent;

        Trickle(
                MessageSender sender,
                List<String[]> targets,
                HistoryWriter history,
                RunClock clock,
                List<String> sent) {
            this.sender = sender;
            this.targets = targets;
            this.history = history;
            this.clock = clock;
            this.sent = sent;
        }

        @Override
        public void run() {
            for (int i = 0; !stop.get(); i++) {
                String[] target = targets.get(i % targets.size());
                String clientMsgId = "busy-" + i + "-" + UUID.randomUUID();
                long at = clock.nowMicros();
                history.append(new SendInvoke(clientMsgId, target[0], target[1], "trickle", at, at, 10));
                String messageId = sender.send(target[1], target[0], clientMsgId, "busy " + i);
                history.append(new SendOk(clientMsgId, messageId, 202, clock.nowMicros()));
                sent.add(messageId);
                try {
                    Thread.sleep(50); // the pace of the trickle, not a wait for readiness
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }
}
