package io.chorus.harness.workload;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.chorus.common.events.EventEnvelope;
import io.chorus.common.events.EventTypes;
import io.chorus.common.events.Subjects;
import io.chorus.common.events.UuidV7;
import io.chorus.delivery.LiveDeliveryFixture;
import io.chorus.harness.Poll;
import io.chorus.harness.checker.ResumeChecker;
import io.chorus.harness.checker.Roster;
import io.chorus.harness.history.History;
import io.chorus.harness.history.HistoryRead;
import io.chorus.harness.history.HistoryWriter;
import io.chorus.harness.history.Receipt;
import io.chorus.harness.history.RunClock;
import io.chorus.harness.history.SendInvoke;
import io.chorus.harness.history.SendOk;
import io.chorus.harness.history.SessionResync;
import io.chorus.harness.population.Seeder;
import io.chorus.harness.stack.LocalStack;
import io.chorus.harness.stack.LocalStackExtension;
import io.chorus.harness.stack.RunFolder;
import io.chorus.harness.stack.StackDescription;
import io.nats.client.Connection;
import io.nats.client.JetStreamApiException;
import io.nats.client.JetStreamManagement;
import io.nats.client.Nats;
import io.nats.client.Options;
import io.nats.client.api.PublishAck;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A fleet user whose gap outgrows the replay bound: its instance is killed while the other is paused, more than
 * {@code websocket.maxReplayEvents} events pass and three messages of its channel are sent; once the other instance
 * runs again the fleet resumes there, gets {@code resync_required}, reads the three from the Query API as a client
 * must ({@code history-read}), and carries on live. The resume checker finds no gap. The killed instance is
 * started again at the end, since the stack is shared by the classes that follow.
 *
 * <p>Its two users are its own, not the plan's {@code u0} and {@code u1}: on the shared stack the classes before it
 * leave {@code u0} in thousands of channels ({@link DroppedInstanceBusyUserIT}), and a resync reads every channel of
 * the user, one request each.
 */
@Order(34)
@ExtendWith(LocalStackExtension.class)
class FleetResyncIT {
    private static final Duration WAIT = Duration.ofMinutes(2);

    @Test
    void aResyncedUserReadsWhatItMissedFromHistoryAndHasNoGap(LocalStack stack) throws Exception {
        StackDescription description = stack.description();
        String group = "resync-" + UUID.randomUUID().toString().substring(0, 6);
        String channel = group + "-0";
        String reader = group + "-reader"; // in this channel only (see the class comment)
        String writer = group + "-writer"; // a member who is not online
        TestPopulation.seed(description, Map.of(channel, List.of(reader, writer)));
        Seeder.Seeded users = TestPopulation.tokens(description);
        String killed = description.services().notification().get(0).name();
        String paused = description.services().notification().get(1).name();
        MessageSender sender = new MessageSender(description, users);
        Path file = Files.createTempFile("fleet-resync-", ".ndjson");
        RunClock clock = new RunClock();
        LiveCounters live = new LiveCounters();
        List<String> missed = new ArrayList<>();
        try (HistoryWriter history = new HistoryWriter(file);
                WebSocketFleet fleet = new WebSocketFleet();
                Connection nats = Nats.connect(new Options.Builder()
                        .servers(description.nats().urls().toArray(String[]::new))
                        .build())) {
            fleet.connect(description, Map.of(reader, 0), users, history, clock, live);
            send(sender, writer, channel, group + "-before", history, clock);
            Poll.until(
                    "the first message delivered", WAIT, () -> live.snapshot().delivered() >= 1);
            List<Long> pids = stack.processesOf(paused);
            PausedProcesses.signal(pids, "STOP");
            try {
                kill9(stack, killed);
                publishElsewhere(nats, maxReplayEvents(description) + 1);
                for (int i = 0; i < 3; i++) {
                    missed.add(send(sender, writer, channel, group + "-missed-" + i, history, clock));
                }
                awaitConsumedPast(
                        nats, gapConsumers(description.services().fanout().size()), lastSequence(nats));
            } finally {
                PausedProcesses.signal(pids, "CONT");
            }
            Poll.until("the reader resynced and read the channel's history", WAIT, () -> {
                history.flush();
                return History.read(file)
                        .of(HistoryRead.class)
                        .anyMatch(r -> r.user().equals(reader));
            });
            String after = send(sender, writer, channel, group + "-after", history, clock);
            Poll.until("the message after the resync delivered live", WAIT, () -> {
                history.flush();
                return History.read(file)
                        .of(Receipt.class)
                        .anyMatch(r -> r.messageId().equals(after));
            });
            fleet.drain(Duration.ofMillis(500), Duration.ofSeconds(10));
            fleet.close();
        } finally {
            stack.restart(killed);
        }

        History history = History.read(file);
        assertThat(history.of(SessionResync.class).map(SessionResync::reason)).contains("gap_too_large");
        assertThat(history.of(HistoryRead.class)
                        .filter(r -> channel.equals(r.channel()))
                        .flatMap(r -> r.messageIds().stream()))
                .containsAll(missed);
        ResumeChecker.Result resume = new ResumeChecker(new Roster(Map.of(reader, Set.of(channel)))).check(history);
        assertThat(resume.resumedMembers()).isEqualTo(1);
        assertThat(resume.owed()).isEqualTo(5);
        assertThat(resume.gaps()).isZero();
        assertThat(resume.fromHistory())
                .as("the gap was not replayed: it came from history")
                .isEqualTo(3);
        Files.deleteIfExists(file);
    }

    private static String send(
            MessageSender sender,
            String user,
            String channel,
            String clientMsgId,
            HistoryWriter history,
            RunClock clock) {
        long at = clock.nowMicros();
        history.append(new SendInvoke(clientMsgId, channel, user, "resync", at, at, 10));
        String messageId = sender.send(user, channel, clientMsgId, clientMsgId);
        history.append(new SendOk(clientMsgId, messageId, 202, clock.nowMicros()));
        return messageId;
    }

    /**
     * The consumers the test's outcome hangs on. A resume's gap is measured up to the fan-out's routing position (the
     * instance arms the session there), and the read after {@code resync_required} finds only what the message writer
     * has stored. Under load both were still working through the filler when the reader resumed: the gap it saw was
     * within the bound and was replayed, or history did not have the missed messages yet.
     */
    private static List<String> gapConsumers(int fanoutPartitions) {
        List<String> consumers = new ArrayList<>();
        for (int p = 0; p < fanoutPartitions; p++) {
            consumers.add("fanout-msg-" + p + "-of-" + fanoutPartitions);
        }
        consumers.add("message-writer");
        return consumers;
    }

    private static void awaitConsumedPast(Connection nats, List<String> consumers, long sequence) throws Exception {
        JetStreamManagement jsm = nats.jetStreamManagement();
        Poll.until(consumers + " past stream sequence " + sequence, WAIT, () -> {
            for (String consumer : consumers) {
                try {
                    if (jsm.getConsumerInfo(Subjects.MESSAGES_STREAM, consumer)
                                    .getAckFloor()
                                    .getStreamSequence()
                            < sequence) {
                        return false;
                    }
                } catch (java.io.IOException | JetStreamApiException e) {
                    return false; // not there yet: asked again at the next poll
                }
            }
            return true;
        });
    }

    private static long lastSequence(Connection nats) throws Exception {
        return nats.jetStreamManagement()
                .getStreamInfo(Subjects.MESSAGES_STREAM)
                .getStreamState()
                .getLastSequence();
    }

    private static long maxReplayEvents(StackDescription stack) throws Exception {
        Path config = new RunFolder(Path.of(stack.runDir()))
                .config(stack.services().notification().get(0).name() + ".yml");
        return new ObjectMapper(new YAMLFactory())
                .readTree(config.toFile())
                .at("/websocket/maxReplayEvents")
                .asLong(50_000);
    }

    /** Cheap events on a channel nobody is in (reactions: no history row, no search document, no route). */
    private static void publishElsewhere(Connection nats, long count) throws Exception {
        String channel = "filler-" + UUID.randomUUID().toString().substring(0, 8);
        ObjectMapper json = LiveDeliveryFixture.JSON; // envelopes exactly as the other delivery tests publish them
        byte[] body = json.writeValueAsBytes(new EventEnvelope(
                UuidV7.generate(),
                EventTypes.REACTION_ADDED,
                channel,
                "filler",
                Instant.now(),
                json.createObjectNode()
                        .put("messageId", UuidV7.generate().toString())
                        .put("emoji", "x")));
        List<CompletableFuture<PublishAck>> acks = new ArrayList<>();
        for (long i = 0; i < count; i++) {
            acks.add(nats.jetStream().publishAsync(Subjects.message(channel), body));
            if (acks.size() == 5_000) {
                acks.forEach(CompletableFuture::join);
                acks.clear();
            }
        }
        acks.forEach(CompletableFuture::join);
    }

    private static void kill9(LocalStack stack, String component) throws Exception {
        long pid = stack.description().pids().get(component);
        ProcessHandle process = ProcessHandle.of(pid).orElseThrow(() -> new AssertionError(component + " not running"));
        process.destroyForcibly(); // SIGKILL: a crash, no shutdown hooks
        process.onExit().get(30, TimeUnit.SECONDS);
    }
}
