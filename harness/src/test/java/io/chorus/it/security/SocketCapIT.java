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
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A notification instance holds at most {@code websocket.maxSocketsPerUser} sessions of one user: one more gets
 * {@code error too_many_sockets} and close 4029 (docs/protocol.md), other users connect as usual, and a socket that
 * closes makes room again.
 */
@ExtendWith(LocalStackExtension.class)
class SocketCapIT {
    private static final Duration WAIT = Duration.ofSeconds(60);

    @Test
    void oneSocketMoreThanTheCapIsRefusedAndAClosedOneMakesRoom(StackDescription stack) throws Exception {
        int cap = maxSocketsPerUser(stack);
        String ws = stack.services().notification().get(0).ws();
        try (LiveDeliveryFixture fixture = new LiveDeliveryFixture(stack)) {
            String user = LiveDeliveryFixture.id("many");
            String other = LiveDeliveryFixture.id("other");
            List<NotificationSocket> sockets = new ArrayList<>();
            try {
                for (int i = 0; i < cap; i++) {
                    NotificationSocket socket = NotificationSocket.connectWithTokenInUrl(ws, fixture.token(user), null);
                    sockets.add(socket);
                    socket.await(Frame.Ready.class, WAIT);
                }
                NotificationSocket oneMore = NotificationSocket.connectWithTokenInUrl(ws, fixture.token(user), null);
                sockets.add(oneMore);
                Frame.Error refused = oneMore.await(Frame.Error.class, WAIT);
                assertThat(refused.code()).as(refused.toString()).isEqualTo("too_many_sockets");
                assertThat(oneMore.closeCode().get(WAIT.toSeconds(), TimeUnit.SECONDS))
                        .isEqualTo(4029);

                try (NotificationSocket someoneElse =
                        NotificationSocket.connectWithTokenInUrl(ws, fixture.token(other), null)) {
                    someoneElse.await(Frame.Ready.class, WAIT);
                }

                sockets.get(0).closeNormally();
                assertThat(sockets.get(0).closeCode().get(WAIT.toSeconds(), TimeUnit.SECONDS))
                        .isEqualTo(1000);
                // the instance lets the closed session go on its own threads: poll until a new one is admitted
                long deadline = System.nanoTime() + WAIT.toNanos();
                while (true) {
                    NotificationSocket again = NotificationSocket.connectWithTokenInUrl(ws, fixture.token(user), null);
                    sockets.add(again);
                    Frame first = again.next(WAIT);
                    assertThat(first).as("a first frame after a socket closed").isNotNull();
                    if (first instanceof Frame.Ready) {
                        break;
                    }
                    assertThat(System.nanoTime())
                            .as("a socket closed, room for a new one")
                            .isLessThan(deadline);
                    Thread.sleep(200); // between attempts; each refused one has closed
                }
            } finally {
                sockets.forEach(NotificationSocket::close);
            }
        }
    }

    /** The configured cap of notification-1 (its default when the config does not set it). */
    private static int maxSocketsPerUser(StackDescription stack) throws Exception {
        Path config = new RunFolder(Path.of(stack.runDir()))
                .config(stack.services().notification().get(0).name() + ".yml");
        return new ObjectMapper(new YAMLFactory())
                .readTree(config.toFile())
                .at("/websocket/maxSocketsPerUser")
                .asInt(16);
    }
}
