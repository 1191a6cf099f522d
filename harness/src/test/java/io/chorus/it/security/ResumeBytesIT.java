package io.chorus.it.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.chorus.delivery.LiveDeliveryFixture;
import io.chorus.harness.client.Frame;
import io.chorus.harness.client.NotificationSocket;
import io.chorus.harness.stack.LocalStackExtension;
import io.chorus.harness.stack.RunFolder;
import io.chorus.harness.stack.StackDescription;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A resume replays at most {@code websocket.maxReplayBytes} of events, however few stream events the gap spans: a
 * gap of large messages gets {@code ready} (resumed), at most that much replayed, then {@code resync_required}
 * ({@code gap_too_large}), then live events. A resume token, which the client chooses, cannot make the instance
 * read and buffer more than the bound for one session.
 */
@ExtendWith(LocalStackExtension.class)
class ResumeBytesIT {
    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final int MESSAGE_CHARS = 200_000;

    @Test
    void aGapOfMoreBytesThanTheBoundGetsResyncRequired(StackDescription stack) throws Exception {
        long bound = maxReplayBytes(stack);
        int large = (int) (bound / MESSAGE_CHARS) + 5;
        String ws1 = stack.services().notification().get(0).ws();
        String ws2 = stack.services().notification().get(1).ws();
        try (LiveDeliveryFixture fixture = new LiveDeliveryFixture(stack)) {
            String channel = LiveDeliveryFixture.id("bytes");
            String reader = LiveDeliveryFixture.id("r");
            String writer = LiveDeliveryFixture.id("w");
            String watcher = LiveDeliveryFixture.id("watch");
            fixture.join(channel, List.of(reader, writer, watcher));
            try (NotificationSocket watching =
                    NotificationSocket.connectWithTokenInUrl(ws2, fixture.token(watcher), null)) {
                watching.await(Frame.Ready.class, WAIT);
                String token;
                try (NotificationSocket first =
                        NotificationSocket.connectWithTokenInUrl(ws1, fixture.token(reader), null)) {
                    first.await(Frame.Ready.class, WAIT);
                    long before = fixture.sendMessage(channel, writer, "before").seq();
                    assertThat(first.events(1, WAIT))
                            .extracting(Frame.Event::seq)
                            .containsExactly(before);
                    token = first.resume();
                }

                String text = "x".repeat(MESSAGE_CHARS);
                for (int i = 0; i < large; i++) {
                    fixture.sendMessage(channel, writer, text);
                }
                // the fan-out routes in stream order: once the watcher has them all, the whole gap has been routed
                assertThat(watching.events(1 + large, WAIT)).hasSize(1 + large);

                try (NotificationSocket second =
                        NotificationSocket.connectWithTokenInUrl(ws2, fixture.token(reader), token)) {
                    Frame.Ready ready = second.await(Frame.Ready.class, WAIT);
                    assertThat(ready.resumed()).isTrue();
                    int replayed = 0;
                    Frame frame;
                    while (!((frame = nextFrame(second)) instanceof Frame.ResyncRequired)) {
                        if (frame instanceof Frame.Event) {
                            replayed++;
                        }
                    }
                    assertThat(((Frame.ResyncRequired) frame).reason()).isEqualTo("gap_too_large");
                    assertThat((long) replayed * MESSAGE_CHARS)
                            .as("bytes replayed before resync_required")
                            .isLessThanOrEqualTo(bound);

                    long after = fixture.sendMessage(channel, writer, "after").seq();
                    assertThat(second.events(1, WAIT))
                            .extracting(Frame.Event::seq)
                            .containsExactly(after);
                }
            }
        }
    }

    private static Frame nextFrame(NotificationSocket socket) {
        Frame frame = socket.next(WAIT);
        assertThat(frame)
                .as("a frame within " + WAIT + " (resync_required never came)")
                .isNotNull();
        return frame;
    }

    /** The configured bound of notification-2, which the client resumes on (its default when not set). */
    private static long maxReplayBytes(StackDescription stack) throws Exception {
        Path config = new RunFolder(Path.of(stack.runDir()))
                .config(stack.services().notification().get(1).name() + ".yml");
        return new ObjectMapper(new YAMLFactory())
                .readTree(config.toFile())
                .at("/websocket/maxReplayBytes")
                .asLong(16L * 1024 * 1024);
    }
}
