package io.chorus.harness.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.BiConsumer;

/** A benchmark client socket: reports each event's message id with the moment it arrived. */
final class BenchSocket implements WebSocket.Listener {
    private static final ObjectMapper JSON = new ObjectMapper();

    final CompletableFuture<Long> readyAt = new CompletableFuture<>();
    private final BiConsumer<String, Long> onEvent;
    private final StringBuilder partial = new StringBuilder();
    private WebSocket socket;

    BenchSocket(BiConsumer<String, Long> onEvent) {
        this.onEvent = onEvent;
    }

    BenchSocket connect(HttpClient http, String wsUrl, String token) {
        http.newWebSocketBuilder().connectTimeout(Duration.ofSeconds(10))
                .buildAsync(URI.create(wsUrl + "?token=" + token), this)
                .whenComplete((ws, e) -> {
                    if (e != null) {
                        readyAt.completeExceptionally(e);
                    }
                });
        return this;
    }

    @Override
    public void onOpen(WebSocket webSocket) {
        socket = webSocket;
        webSocket.request(1);
    }

    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
        long now = System.nanoTime();
        partial.append(data);
        if (last) {
            String text = partial.toString();
            partial.setLength(0);
            if (text.startsWith("{\"op\":\"event\"")) {
                int at = text.indexOf("\"event\":{\"id\":\"");
                if (at > 0) {
                    int from = at + "\"event\":{\"id\":\"".length();
                    onEvent.accept(text.substring(from, from + 36), now);
                }
            } else {
                try {
                    JsonNode frame = JSON.readTree(text);
                    if ("ready".equals(frame.path("op").asText())) {
                        readyAt.complete(now);
                    }
                } catch (Exception e) {
                    // not a frame the benchmark needs
                }
            }
        }
        webSocket.request(1);
        return null;
    }

    @Override
    public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
        readyAt.completeExceptionally(new IllegalStateException("closed " + statusCode + " " + reason));
        return null;
    }

    void close() {
        if (socket != null) {
            socket.abort();
        }
    }
}
