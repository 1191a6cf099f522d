package io.chorus.delivery;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** A WebSocket client of {@code /v1/ws} for tests: collects every frame it receives. */
public final class SocketClient implements AutoCloseable {
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    public final BlockingQueue<JsonNode> frames = new LinkedBlockingQueue<>();
    public final CompletableFuture<Integer> closeCode = new CompletableFuture<>();
    private final WebSocket socket;
    private volatile String lastResume;

    private SocketClient(String url) throws Exception {
        socket = HTTP.newWebSocketBuilder()
                .connectTimeout(Duration.ofSeconds(5))
                .buildAsync(URI.create(url), new Collector())
                .get(10, TimeUnit.SECONDS);
    }

    /** Connects with the token in the URL (and a resume token, if any). */
    public static SocketClient open(String wsUrl, String token, String resume) throws Exception {
        return new SocketClient(wsUrl + "?token=" + token + (resume == null ? "" : "&resume=" + resume));
    }

    /** Connects without credentials (to send an auth frame, or to test the timeout). */
    public static SocketClient bare(String wsUrl) throws Exception {
        return new SocketClient(wsUrl);
    }

    public void send(String frame) {
        socket.sendText(frame, true).join();
    }

    /** Waits for the next frame of an op, skipping others; fails at the deadline. */
    public JsonNode await(String op, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            JsonNode frame = frames.poll(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            if (frame == null) {
                throw new AssertionError("no '" + op + "' frame within " + timeout);
            }
            if (op.equals(frame.path("op").asText())) {
                return frame;
            }
        }
    }

    /** Collects event frames until {@code count} arrived or the timeout passed. */
    public List<JsonNode> events(int count, Duration timeout) throws InterruptedException {
        List<JsonNode> events = new ArrayList<>();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (events.size() < count) {
            JsonNode frame = frames.poll(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            if (frame == null) {
                break;
            }
            if ("event".equals(frame.path("op").asText())) {
                events.add(frame);
            }
        }
        return events;
    }

    /** The resume token of the last frame that carried one. */
    public String resume() {
        return lastResume;
    }

    @Override
    public void close() {
        socket.abort();
    }

    public void closeNormally() {
        socket.sendClose(WebSocket.NORMAL_CLOSURE, "bye").join();
    }

    private final class Collector implements WebSocket.Listener {
        private final StringBuilder partial = new StringBuilder();

        @Override
        public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                try {
                    JsonNode frame = LiveDeliveryFixture.JSON.readTree(partial.toString());
                    if (frame.hasNonNull("resume")) {
                        lastResume = frame.path("resume").asText();
                    }
                    frames.add(frame);
                } catch (Exception e) {
                    frames.add(LiveDeliveryFixture.JSON.createObjectNode().put("op", "unparseable"));
                }
                partial.setLength(0);
            }
            ws.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket ws, int statusCode, String reason) {
            closeCode.complete(statusCode);
            return null;
        }

        @Override
        public void onError(WebSocket ws, Throwable error) {
            closeCode.complete(-1);
        }
    }
}
