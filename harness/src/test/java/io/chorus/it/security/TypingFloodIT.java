package io.chorus.it.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.chorus.delivery.LiveDeliveryFixture;
import io.chorus.delivery.SocketClient;
import io.chorus.harness.stack.LocalStackExtension;
import io.chorus.harness.stack.StackDescription;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
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
            try (SocketClient watching = SocketClient.open(ws, fixture.token(watcher), null);
                    SocketClient flooding = SocketClient.open(ws, fixture.token(flooder), null)) {
                watching.await("ready", WAIT);
                flooding.await("ready", WAIT);
                flood(flooding, channel, 200);

                JsonNode refused = flooding.await("error", WAIT);
                assertThat(refused.path("code").asText()).as(refused.toString()).isEqualTo("rate_limited");
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
            List<SocketClient> sockets = new ArrayList<>();
            try (SocketClient watching = SocketClient.open(ws, fixture.token(watcher), null)) {
                watching.await("ready", WAIT);
                for (int i = 0; i < 10; i++) {
                    SocketClient socket = SocketClient.open(ws, fixture.token(flooder), null);
                    sockets.add(socket);
                    socket.await("ready", WAIT);
                }
                for (SocketClient socket : sockets) {
                    flood(socket, channel, 20);
                }
                int seen = typingNotices(watching, channel, flooder);
                // per session alone, ten sockets would pass ten bursts: the user's own limit holds them to one
                assertThat(seen)
                        .as("typing notices the watcher got for 10 sockets x 20 frames")
                        .isBetween(1, 30);
            } finally {
                sockets.forEach(SocketClient::close);
            }
        }
    }

    private static void flood(SocketClient socket, String channel, int frames) {
        for (int i = 0; i < frames; i++) {
            socket.send("{\"op\":\"typing\",\"channelId\":\"" + channel + "\"}");
        }
    }

    /** Counts the flooder's typing notices at the watcher until none came for {@link #QUIET}. */
    private static int typingNotices(SocketClient watching, String channel, String flooder) throws Exception {
        int seen = 0;
        while (true) {
            JsonNode frame = watching.frames.poll(QUIET.toMillis(), TimeUnit.MILLISECONDS);
            if (frame == null) {
                return seen;
            }
            if ("typing".equals(frame.path("op").asText())
                    && channel.equals(frame.path("channelId").asText())
                    && flooder.equals(frame.path("typing").path("userId").asText())) {
                seen++;
            }
        }
    }
}
