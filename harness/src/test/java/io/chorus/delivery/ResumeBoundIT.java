package io.chorus.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
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
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Resume past the bound: a client whose gap is more than {@code websocket.maxReplayEvents} stream events gets
 * {@code ready} (resumed), then {@code resync_required} with reason {@code gap_too_large}, and then live events:
 * what it missed is left to history (docs/protocol.md, decision 0023).
 */
@Order(23)
@ExtendWith(LocalStackExtension.class)
class ResumeBoundIT {
    private static final Duration WAIT = Duration.ofSeconds(60);

    @Test
    void aGapBeyondTheReplayBoundGetsResyncRequiredThenLiveEvents(StackDescription stack) throws Exception {
        long bound = maxReplayEvents(stack);
        String ws1 = stack.services().notification().get(0).ws();
        String ws2 = stack.services().notification().get(1).ws();
        try (LiveDeliveryFixture fixture = new LiveDeliveryFixture(stack)) {
            String channel = LiveDeliveryFixture.id("bound");
            String reader = LiveDeliveryFixture.id("r");
            String writer = LiveDeliveryFixture.id("w");
            String watcher = LiveDeliveryFixture.id("watch");
            fixture.join(channel, List.of(reader, writer, watcher));
            NotificationSocket watching = NotificationSocket.connectWithTokenInUrl(ws2, fixture.token(watcher), null);
            watching.await(Frame.Ready.class, WAIT);
            NotificationSocket first = NotificationSocket.connectWithTokenInUrl(ws1, fixture.token(reader), null);
            first.await(Frame.Ready.class, WAIT);
            long before = fixture.sendMessage(channel, writer, "before").seq();
            assertThat(first.events(1, WAIT)).extracting(Frame.Event::seq).containsExactly(before);
            String token = first.resume();
            first.close();

            long missed = fixture.sendMessage(channel, writer, "missed").seq();
            publishElsewhere(fixture, bound + 1);
            long lastBeforeResume =
                    fixture.sendMessage(channel, writer, "also missed").seq();
            assertThat(lastBeforeResume - before).as("the gap in stream events").isGreaterThan(bound);
            // the fan-out routes in stream order: once the watcher has this, the whole gap has been routed
            assertThat(watching.events(3, WAIT))
                    .extracting(Frame.Event::seq)
                    .containsExactly(before, missed, lastBeforeResume);

            NotificationSocket second = NotificationSocket.connectWithTokenInUrl(ws2, fixture.token(reader), token);
            Frame.Ready ready = second.await(Frame.Ready.class, WAIT);
            assertThat(ready.resumed()).isTrue();
            Frame.ResyncRequired resync = second.await(Frame.ResyncRequired.class, WAIT);
            assertThat(resync.reason()).isEqualTo("gap_too_large");
            assertThat(resync.resume()).startsWith("r1.");

            long after = fixture.sendMessage(channel, writer, "after").seq();
            List<Frame.Event> events = second.events(1, WAIT);
            assertThat(events)
                    .as("nothing of the gap is replayed; live events go on")
                    .extracting(Frame.Event::seq)
                    .containsExactly(after);
            assertThat(second.events(1, Duration.ofMillis(300))).isEmpty();
            second.close();
            watching.close();
        }
    }

    /** The configured bound of notification-1 (its default when the config does not set it). */
    private static long maxReplayEvents(StackDescription stack) throws Exception {
        Path config = new RunFolder(Path.of(stack.runDir()))
                .config(stack.services().notification().get(0).name() + ".yml");
        return new ObjectMapper(new YAMLFactory())
                .readTree(config.toFile())
                .at("/websocket/maxReplayEvents")
                .asLong(50_000);
    }

    /** Cheap events on a channel nobody is in (reactions: no history row, no search document, no route). */
    private static void publishElsewhere(LiveDeliveryFixture fixture, long count) throws Exception {
        String channel = LiveDeliveryFixture.id("filler");
        byte[] body = LiveDeliveryFixture.JSON.writeValueAsBytes(new EventEnvelope(
                UuidV7.generate(),
                EventTypes.REACTION_ADDED,
                channel,
                "filler",
                Instant.now(),
                LiveDeliveryFixture.JSON
                        .createObjectNode()
                        .put("messageId", UuidV7.generate().toString())
                        .put("emoji", "x")));
        List<CompletableFuture<PublishAck>> acks = new ArrayList<>();
        for (long i = 0; i < count; i++) {
            acks.add(fixture.nats().jetStream().publishAsync(Subjects.message(channel), body));
            if (acks.size() == 5_000) {
                acks.forEach(CompletableFuture::join);
                acks.clear();
            }
        }
        acks.forEach(CompletableFuture::join);
    }
}
