package io.chorus.common.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.Callback;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** An in-process Jetty with an API and an admin connector, as a Dropwizard service has, on loopback. */
class ConnectionAdmissionTest {
    private static final int MAX = 3;
    private static final Duration FIRST_REQUEST = Duration.ofMillis(1500);

    private Server server;
    private ServerConnector api;
    private ServerConnector admin;
    private final List<Socket> sockets = new ArrayList<>();

    @BeforeEach
    void start() throws Exception {
        server = new Server();
        api = new ServerConnector(server);
        api.setName("application");
        api.setHost("127.0.0.1");
        admin = new ServerConnector(server);
        admin.setName("admin");
        admin.setHost("127.0.0.1");
        server.addConnector(api);
        server.addConnector(admin);
        server.setHandler(new Handler.Abstract() {
            @Override
            public boolean handle(org.eclipse.jetty.server.Request request, Response response, Callback callback) {
                response.setStatus(200);
                response.getHeaders().put(org.eclipse.jetty.http.HttpHeader.CONTENT_LENGTH, 2);
                response.write(true, java.nio.ByteBuffer.wrap("ok".getBytes(StandardCharsets.US_ASCII)), callback);
                return true;
            }
        });
        // an hour: no idle close during the test, so only the test's own close or the first-request deadline can
        // make room
        server.addEventListener(new ConnectionAdmission(MAX, Duration.ofHours(1), FIRST_REQUEST));
        server.start();
    }

    @AfterEach
    void stop() throws Exception {
        for (Socket s : sockets) {
            s.close();
        }
        server.stop();
    }

    @Test
    void theApiServesAtMostMaxConnectionsAndTheNextOneWhenOneCloses() throws Exception {
        List<Socket> held = new ArrayList<>();
        for (int i = 0; i < MAX; i++) {
            Socket s = open(api);
            assertThat(get(s)).isEqualTo(200);
            held.add(s);
        }

        Socket next = open(api); // the kernel completes the handshake; the server does not accept it
        send(next);
        next.setSoTimeout(500); // without the bound the answer comes within milliseconds
        assertThatThrownBy(() -> status(next)).isInstanceOf(SocketTimeoutException.class);

        held.get(0).close();
        next.setSoTimeout(10_000);
        assertThat(status(next)).isEqualTo(200);
    }

    @Test
    void theAdminConnectorAnswersWhileTheApiIsFull() throws Exception {
        for (int i = 0; i < MAX; i++) {
            assertThat(get(open(api))).isEqualTo(200);
        }
        for (int i = 0; i < MAX + 2; i++) {
            assertThat(get(open(admin))).isEqualTo(200);
        }
    }

    @Test
    void connectionsThatNeverSendARequestDoNotHoldTheBound() throws Exception {
        for (int i = 0; i < MAX; i++) {
            open(api); // connected, nothing sent
        }
        Socket next = open(api);
        send(next);
        long start = System.nanoTime();
        assertThat(status(next)).isEqualTo(200);
        assertThat(Duration.ofNanos(System.nanoTime() - start))
                .as("answered once the silent ones were closed")
                .isLessThan(FIRST_REQUEST.multipliedBy(4));
    }

    @Test
    void aRequestHeadTrickledInIsClosedAtTheDeadline() throws Exception {
        Socket slow = open(api);
        slow.getOutputStream().write("GET / HTTP/1.1\r\nHost: chorus\r\nX-Slow: ".getBytes(StandardCharsets.US_ASCII));
        slow.setSoTimeout(100);
        long start = System.nanoTime();
        long deadline = start + FIRST_REQUEST.multipliedBy(4).toNanos();
        boolean closed = false;
        while (!closed && System.nanoTime() < deadline) {
            try {
                slow.getOutputStream().write('a'); // never idle for long
                closed = slow.getInputStream().read() < 0;
            } catch (SocketTimeoutException stillOpen) {
                // nothing from the server yet: trickle on
            } catch (IOException reset) {
                closed = true;
            }
        }
        assertThat(closed)
                .as("closed by the server within " + FIRST_REQUEST.multipliedBy(4))
                .isTrue();
        assertThat(Duration.ofNanos(System.nanoTime() - start))
                .as("not before the deadline")
                .isGreaterThanOrEqualTo(FIRST_REQUEST.minusMillis(100));
    }

    @Test
    void aConnectionThatSentARequestOutlivesTheDeadline() throws Exception {
        Socket s = open(api);
        assertThat(get(s)).isEqualTo(200);
        Thread.sleep(FIRST_REQUEST.multipliedBy(2).toMillis()); // past the deadline, which must not apply to it
        assertThat(get(s)).isEqualTo(200);
    }

    @Test
    void boundsMustMakeSense() {
        assertThatThrownBy(() -> new ConnectionAdmission(0, Duration.ofSeconds(5), Duration.ofSeconds(10)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ConnectionAdmission(1, Duration.ofSeconds(5), Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private Socket open(ServerConnector connector) throws IOException {
        Socket s = new Socket("127.0.0.1", connector.getLocalPort());
        s.setSoTimeout(10_000);
        sockets.add(s);
        return s;
    }

    private static int get(Socket s) throws IOException {
        send(s);
        return status(s);
    }

    private static void send(Socket s) throws IOException {
        s.getOutputStream().write("GET / HTTP/1.1\r\nHost: chorus\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        s.getOutputStream().flush();
    }

    /** Reads one answer (headers and its 2-byte body) and returns its status. */
    private static int status(Socket s) throws IOException {
        InputStream in = s.getInputStream();
        StringBuilder head = new StringBuilder();
        while (head.indexOf("\r\n\r\n") < 0) {
            int b = in.read();
            if (b < 0) {
                return -1;
            }
            head.append((char) b);
        }
        in.readNBytes(2);
        return Integer.parseInt(head.substring(9, 12));
    }
}
