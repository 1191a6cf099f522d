package io.chorus.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.chorus.common.events.EventEnvelope;
import io.chorus.common.events.EventTypes;
import io.chorus.common.events.Subjects;
import io.chorus.common.events.UuidV7;
import io.chorus.harness.client.Frame;
import io.chorus.harness.client.NotificationSocket;
import io.chorus.harness.stack.LocalStackExtension;
import io.chorus.harness.stack.RunFolder;
import io.chorus.harness.stack.StackDescription;
import io.nats.client.api.PublishAck;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The slow-consumer policy (docs/protocol.md): a client that stops reading is closed with 4008 once its outbound
 * buffer ({@code websocket.outboundFrames}, 4,096 frames) is full; the instance keeps delivering to everyone else
 * meanwhile; the dropped client resumes with its token and gets the rest replayed.
 */
@Order(22)
@ExtendWith(LocalStackExtension.class)
class SlowConsumerIT {
    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final int BATCH = 1_000;
    /** Enough to fill 4,096 frames plus whatever the kernel buffers hold (4 MiB send buffer at most here). */
    private static final int MAX_MESSAGES = 20_000;

    private static final String TEXT = "x".repeat(3_000);

    @Test
    void aClientThatStopsReadingIsClosedWith4008WhileTheOthersGetEverything(StackDescription stack) throws Exception {
        try (LiveDeliveryFixture fixture = new LiveDeliveryFixture(stack)) {
            StackDescription.Endpoint instance = stack.services().notification().get(0);
            String channel = LiveDeliveryFixture.id("slow");
            String slowUser = LiveDeliveryFixture.id("slow");
            String sameInstance = LiveDeliveryFixture.id("fast");
            String otherInstance = LiveDeliveryFixture.id("fast");
            fixture.join(channel, List.of(slowUser, sameInstance, otherInstance));
            NotificationSocket fast =
                    NotificationSocket.connectWithTokenInUrl(instance.ws(), fixture.token(sameInstance), null);
            NotificationSocket fastElsewhere = NotificationSocket.connectWithTokenInUrl(
                    stack.services().notification().get(1).ws(), fixture.token(otherInstance), null);
            fast.await(Frame.Ready.class, WAIT);
            fastElsewhere.await(Frame.Ready.class, WAIT);
            StalledSocket slow = new StalledSocket(instance.ws(), fixture.token(slowUser));
            assertThat(slow.next().text()).contains("\"op\":\"ready\"");
            // from here on the slow client reads nothing

            Path log = new RunFolder(Path.of(stack.runDir())).log(instance.name());
            String dropped = "closing the socket of " + slowUser + " (session ";
            List<Long> sent = new ArrayList<>();
            while (sent.size() < MAX_MESSAGES && !logged(log, dropped)) {
                List<Long> batch = publishBatch(fixture, channel, sameInstance);
                sent.addAll(batch);
                // the instance is not held up by the stalled socket: both fast clients get the batch, in order
                assertThat(seqs(fast.events(batch.size(), WAIT))).containsExactlyElementsOf(batch);
                assertThat(seqs(fastElsewhere.events(batch.size(), WAIT))).containsExactlyElementsOf(batch);
            }
            String line = Poll.until(
                    "the stalled session dropped after " + sent.size() + " messages",
                    Duration.ofSeconds(10),
                    () -> lineOf(log, dropped),
                    l -> l != null);
            assertThat(line).contains("with 4008");

            // the stalled client, reading at last, finds a prefix of the events and then the close frame 4008
            List<Long> got = new ArrayList<>();
            String resume = null;
            StalledSocket.Frame frame;
            while (!(frame = slow.next()).isClose()) {
                JsonNode event = LiveDeliveryFixture.JSON.readTree(frame.text());
                got.add(event.path("seq").asLong());
                resume = event.path("resume").asText();
            }
            slow.close();
            assertThat(frame.closeCode()).isEqualTo(4008);
            assertThat(got).isEqualTo(sent.subList(0, got.size()));
            assertThat(got.size()).as("events the stalled client had received").isLessThan(sent.size());

            // it reconnects with its token and the replay brings the rest: no gap, no duplicate
            NotificationSocket resumed = NotificationSocket.connectWithTokenInUrl(
                    stack.services().notification().get(1).ws(), fixture.token(slowUser), resume);
            assertThat(resumed.await(Frame.Ready.class, WAIT).resumed()).isTrue();
            List<Long> rest = sent.subList(got.size(), sent.size());
            assertThat(seqs(resumed.events(rest.size(), WAIT))).containsExactlyElementsOf(rest);
            assertThat(resumed.events(1, Duration.ofMillis(300))).isEmpty();
            resumed.close();
            fast.close();
            fastElsewhere.close();
        }
    }

    /** {@value #BATCH} messages of 3,000 characters, published together; their stream sequences in order. */
    private static List<Long> publishBatch(LiveDeliveryFixture fixture, String channel, String author)
            throws Exception {
        List<CompletableFuture<PublishAck>> acks = new ArrayList<>();
        for (int i = 0; i < BATCH; i++) {
            UUID id = UuidV7.generate();
            ObjectNode payload = LiveDeliveryFixture.JSON
                    .createObjectNode()
                    .put("clientMsgId", id.toString())
                    .put("text", TEXT);
            acks.add(fixture.nats()
                    .jetStream()
                    .publishAsync(
                            Subjects.message(channel),
                            LiveDeliveryFixture.JSON.writeValueAsBytes(new EventEnvelope(
                                    id, EventTypes.MESSAGE_CREATED, channel, author, Instant.now(), payload))));
        }
        List<Long> seqs = new ArrayList<>();
        for (CompletableFuture<PublishAck> ack : acks) {
            seqs.add(ack.get().getSeqno());
        }
        return seqs;
    }

    private static List<Long> seqs(List<Frame.Event> events) {
        return events.stream().map(Frame.Event::seq).toList();
    }

    private static boolean logged(Path log, String text) throws Exception {
        return lineOf(log, text) != null;
    }

    private static String lineOf(Path log, String text) throws Exception {
        try (var lines = Files.lines(log)) {
            return lines.filter(l -> l.contains(text)).findFirst().orElse(null);
        }
    }
}
