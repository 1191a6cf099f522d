package io.chorus.it.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.chorus.delivery.LiveDeliveryFixture;
import io.chorus.harness.client.ClientFrame;
import io.chorus.harness.client.Frame;
import io.chorus.harness.client.NotificationSocket;
import io.chorus.harness.stack.LocalStackExtension;
import io.chorus.harness.stack.RunFolder;
import io.chorus.harness.stack.StackDescription;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A notification instance holds at most {@code websocket.maxAwaitingAuth} sockets that have not authenticated:
 * the sockets past the bound are upgraded and closed at once with 1013 (docs/protocol.md), and once the waiting
 * sockets go, a new one authenticates as usual. The sockets are raw TCP connections that send the upgrade and
 * nothing else, opened all before any answer is read, so that the whole bound is held well within the auth timeout.
 */
@ExtendWith(LocalStackExtension.class)
class UnauthenticatedSocketsIT {
    private static final Duration WAIT = Duration.ofSeconds(60);
    /** Sockets opened past the bound: each must be refused. */
    private static final int PAST_THE_BOUND = 32;

    @Test
    void socketsPastTheBoundAreClosedWith1013AndTheBoundFreesWhenTheyGo(StackDescription stack) throws Exception {
        int bound = maxAwaitingAuth(stack);
        URI ws = URI.create(stack.services().notification().get(0).ws());
        List<RawSocket> sockets = new ArrayList<>();
        try {
            for (int i = 0; i < bound + PAST_THE_BOUND; i++) {
                sockets.add(RawSocket.upgrade(ws));
            }
            for (RawSocket socket : sockets) {
                assertThat(socket.readResponseHead())
                        .as("the upgrade is answered")
                        .startsWith("HTTP/1.1 101");
            }
            // Jetty opens the sockets on several threads, not in connect order: which ones are past the bound is
            // not known, only how many
            assertThat(refused(sockets, Duration.ofSeconds(5)))
                    .as("sockets closed with 1013 past a bound of " + bound)
                    .isEqualTo(PAST_THE_BOUND);
        } finally {
            for (RawSocket socket : sockets) {
                socket.socket().close();
            }
        }
        try (LiveDeliveryFixture fixture = new LiveDeliveryFixture(stack)) {
            String token = fixture.token(LiveDeliveryFixture.id("after"));
            long deadline = System.nanoTime() + WAIT.toNanos();
            while (!authenticates(ws.toString(), token)) {
                assertThat(System.nanoTime())
                        .as("the waiting sockets closed: room for a new one")
                        .isLessThan(deadline);
                Thread.sleep(200); // between attempts; each refused one has closed
            }
        }
    }

    /** True when a socket without a token in the URL is admitted and its auth frame makes it ready. */
    private static boolean authenticates(String ws, String token) throws Exception {
        try (NotificationSocket socket = NotificationSocket.bare(ws)) {
            try {
                socket.send(ClientFrame.auth(token, null));
            } catch (CompletionException closedAlready) {
                return false;
            }
            long deadline = System.nanoTime() + WAIT.toNanos();
            while (System.nanoTime() < deadline) {
                if (socket.next(Duration.ofMillis(100)) instanceof Frame.Ready) {
                    return true;
                }
                if (socket.closeCode().isDone()) {
                    assertThat(socket.closeCode().get())
                            .as("a refused socket is closed with 1013")
                            .isEqualTo(1013);
                    return false;
                }
            }
            throw new AssertionError("neither ready nor a close within " + WAIT);
        }
    }

    /**
     * How many sockets the server closed with 1013, counted in passes over all of them until a pass finds at
     * least {@link #PAST_THE_BOUND} or the timeout passes (well within the auth timeout, so no 4002 close yet).
     */
    private static int refused(List<RawSocket> sockets, Duration timeout) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        int refused = 0;
        List<RawSocket> open = new ArrayList<>(sockets);
        while (refused < PAST_THE_BOUND && System.nanoTime() < deadline) {
            for (var it = open.iterator(); it.hasNext(); ) {
                RawSocket socket = it.next();
                if (socket.in().available() > 0) {
                    it.remove();
                    if (socket.readCloseCode() == 1013) {
                        refused++;
                    }
                }
            }
            Thread.sleep(100); // between passes over the sockets: the closes come from the server's threads
        }
        return refused;
    }

    /** A TCP connection that sent a WebSocket upgrade and sends nothing more. */
    private record RawSocket(Socket socket, InputStream in) {
        static RawSocket upgrade(URI ws) throws IOException {
            Socket socket = new Socket();
            socket.connect(new InetSocketAddress(ws.getHost(), ws.getPort()), 5_000);
            socket.setSoTimeout((int) WAIT.toMillis());
            String request = "GET " + ws.getPath() + " HTTP/1.1\r\nHost: " + ws.getHost() + ":" + ws.getPort()
                    + "\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                    + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n";
            socket.getOutputStream().write(request.getBytes(StandardCharsets.US_ASCII));
            socket.getOutputStream().flush();
            return new RawSocket(socket, new BufferedInputStream(socket.getInputStream()));
        }

        String readResponseHead() throws IOException {
            StringBuilder head = new StringBuilder();
            while (!head.toString().endsWith("\r\n\r\n")) {
                int b = in.read();
                if (b < 0) {
                    throw new IOException("connection closed in the response head: " + head);
                }
                head.append((char) b);
            }
            return head.toString();
        }

        /** The status code of the frame that arrived, if it is a close frame; -1 for any other frame. */
        int readCloseCode() throws IOException {
            int opcode = in.read() & 0x0F;
            int length = in.read() & 0x7F; // server frames are not masked; a close frame's payload is under 126
            byte[] payload = in.readNBytes(length);
            return opcode == 0x8 && payload.length >= 2 ? ((payload[0] & 0xFF) << 8) | (payload[1] & 0xFF) : -1;
        }
    }

    /** The configured bound of notification-1 (its default when the config does not set it). */
    private static int maxAwaitingAuth(StackDescription stack) throws Exception {
        Path config = new RunFolder(Path.of(stack.runDir()))
                .config(stack.services().notification().get(0).name() + ".yml");
        return new ObjectMapper(new YAMLFactory())
                .readTree(config.toFile())
                .at("/websocket/maxAwaitingAuth")
                .asInt(8192);
    }
}
