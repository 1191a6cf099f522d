package io.chorus.it.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.chorus.harness.stack.LocalStackExtension;
import io.chorus.harness.stack.RunFolder;
import io.chorus.harness.stack.StackDescription;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The command service admits at most {@code maxConnections} API connections (decision 0088). A client that fills
 * them all and never completes a request, sending its headers a byte a second so that no connection is ever idle,
 * must not hold them: each connection without a complete request head is closed after the first-request timeout
 * (decision 0134), and a real request waiting behind them is then served.
 */
@ExtendWith(LocalStackExtension.class)
class IdleConnectionsIT {
    /** Longer than the first-request timeout, far shorter than the trickle would last. */
    private static final Duration SERVED_WITHIN = Duration.ofSeconds(40);

    @Test
    void connectionsThatNeverCompleteARequestDoNotHoldTheBound(StackDescription stack) throws Exception {
        URI command = URI.create(stack.services().command().url());
        int bound = maxConnections(stack);
        List<Socket> held = new ArrayList<>();
        AtomicBoolean trickling = new AtomicBoolean(true);
        Thread trickle = new Thread(() -> trickle(held, trickling), "trickle");
        try {
            for (int i = 0; i < bound; i++) {
                held.add(partialRequest(command));
            }
            trickle.start();
            HttpClient http =
                    HttpClient.newBuilder().connectTimeout(SERVED_WITHIN).build();
            HttpResponse<String> response = http.send(
                    HttpRequest.newBuilder(command.resolve("/v1/channels/none"))
                            .timeout(SERVED_WITHIN)
                            .GET()
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode())
                    .as("an answer, whatever it is, past %d held connections", bound)
                    .isBetween(200, 499);
        } finally {
            trickling.set(false);
            trickle.join(5_000);
            for (Socket socket : held) {
                socket.close();
            }
        }
    }

    /** A connection with a request line and one header started, never finished. */
    private static Socket partialRequest(URI server) throws IOException {
        Socket socket = new Socket();
        socket.connect(new InetSocketAddress(server.getHost(), server.getPort()), 5_000);
        socket.getOutputStream()
                .write(("GET /v1/channels/none HTTP/1.1\r\nHost: " + server.getHost() + "\r\nX-Slow: ")
                        .getBytes(StandardCharsets.US_ASCII));
        socket.getOutputStream().flush();
        return socket;
    }

    /** One more header byte on every held connection each second, so that none is ever idle. */
    private static void trickle(List<Socket> held, AtomicBoolean trickling) {
        while (trickling.get()) {
            for (Socket socket : held) {
                if (!socket.isClosed()) {
                    try {
                        OutputStream out = socket.getOutputStream();
                        out.write('a');
                        out.flush();
                    } catch (IOException closedByTheServer) {
                        closeQuietly(socket);
                    }
                }
            }
            try {
                Thread.sleep(1_000); // the trickle's pace: a byte a second per connection
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException ignored) {
            // already gone
        }
    }

    /** The configured bound of the command service (its default when the config does not set it). */
    private static int maxConnections(StackDescription stack) throws Exception {
        Path config = new RunFolder(Path.of(stack.runDir()))
                .config(stack.services().command().name() + ".yml");
        return new ObjectMapper(new YAMLFactory())
                .readTree(config.toFile())
                .at("/maxConnections")
                .asInt(512);
    }
}
