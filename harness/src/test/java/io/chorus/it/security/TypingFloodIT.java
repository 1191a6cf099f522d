package io.chorus.it.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.chorus.delivery.LiveDeliveryFixture;
import io.chorus.harness.client.Frame;
import io.chorus.harness.client.NotificationSocket;
import io.chorus.harness.stack.LocalStackExtension;
import io.chorus.harness.stack.StackDescription;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * {@code typing} frames on the WebSocket are rate limited per session and per user (docs/protocol.md): a client
 * that floods them gets {@code error rate_limited} for the refused ones, and the channel's other members see only
 * the few the limit lets through, not one notice per frame.
 */
@ExtendWith(LocalStackExtension.class)
class TypingFloodIT {
    private static final Duration WAIT = Duration.ofSeconds(60);
    /** How long the watcher must see no typing notice before the count is taken as final. */
    private static final Duration QUIET = Duration.ofSeconds(3);

    @Test
    void aFloodOnOneSocketReachesTheOthersOnlyAtTheLimit(StackDescription stack) throws Exception {
        String ws = stack.services().notification().get(0).ws();
        try (LiveDeliveryFixture fixture = new LiveDeliveryFixture(stack)) {
            String channel = LiveDeliveryFixture.id("typing");
            String flooder = LiveDeliveryFixture.id("flood");
            String watcher = LiveDeliveryFixture.id("watch");
            fixture.join(channel, List.of(flooder, watcher));
            try (NotificationSocket watching =
                            NotificationSocket.connectWithTokenInUrl(ws, fixture.token(watcher), null);
                    NotificationSocket flooding =
                            NotificationSocket.connectWithTokenInUrl(ws, fixture.token(flooder), null)) {
                watching.await(Frame.Ready.class, WAIT);
                flooding.await(Frame.Ready.class, WAIT);
                flood(flooding, channel, 200);

                Frame.Error refused = flooding.await(Frame.Error.class, WAIT);
                assertThat(refused.code()).as(refused.toString()).isEqualTo("rate_limited");
                int seen = typingNotices(watching, channel, flooder);
                assertThat(seen)
                        .as("typing notices the watcher got for 200 frames")
                        .isBetween(1, 25);
            }
        }
    }

    @Test
    void manySocketsOfOneUserShareTheUserLimit(StackDescription stack) throws Exception {
        String ws = stack.services().notification().get(0).ws();
        try (LiveDeliveryFixture fixture = new LiveDeliveryFixture(stack)) {
            String channel = LiveDeliveryFixture.id("typing");
            String flooder = LiveDeliveryFixture.id("flood");
            String watcher = LiveDeliveryFixture.id("watch");
            fixture.join(channel, List.of(flooder, watcher));
            List<NotificationSocket> sockets = new ArrayList<>();
            try (NotificationSocket watching =
                    NotificationSocket.connectWithTokenInUrl(ws, fixture.token(watcher), null)) {
                watching.await(Frame.Ready.class, WAIT);
                for (int i = 0; i < 10; i++) {
                    NotificationSocket socket =
                            NotificationSocket.connectWithTokenInUrl(ws, fixture.token(flooder), null);
                    sockets.add(socket);
                    socket.await(Frame.Ready.class, WAIT);
                }
                for (NotificationSocket socket : sockets) {
                    flood(socket, channel, 20);
                }
                int seen = typingNotices(watching, channel, flooder);
                // per session alone, ten sockets would pass ten bursts: the user's own limit holds them to one
                assertThat(seen)
                        .as("typing notices the watcher got for 10 sockets x 20 frames")
                        .isBetween(1, 30);
            } finally {
                sockets.forEach(NotificationSocket::close);
            }
        }
    }

    private static void flood(NotificationSocket socket, String channel, int frames) {
        for (int i = 0; i < frames; i++) {
            socket.typing(channel);
        }
    }

    /** Counts the flooder's typing notices at the watcher until none came for {@link #QUIET}. */
    private static int typingNotices(NotificationSocket watching, String channel, String flooder) throws Exception {
        int seen = 0;
        while (true) {
            Frame frame = watching.next(QUIET);
            if (frame == null) {
                return seen;
            }
            if (frame instanceof Frame.Typing typing
                    && channel.equals(typing.channelId())
                    && flooder.equals(typing.userId())) {
                seen++;
            }
        }
    }
}
