package io.chorus.harness.workload;

import io.chorus.harness.history.HistoryWriter;
import io.chorus.harness.history.Receipt;
import io.chorus.harness.history.RunClock;
import io.chorus.harness.history.SessionClose;
import io.chorus.harness.history.SessionOpen;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One online user's connection to {@code /v1/ws}. It authenticates with an {@code auth} frame (a token in the URL
 * would reach the instance's request log), appends {@code SessionOpen} on {@code ready} and a {@code Receipt} per
 * event frame, from the socket's own callback, so the history holds each socket's receipts in arrival order: the
 * client asks for the next frame only after it has appended the previous one.
 */
final class FleetSocket implements WebSocket.Listener {
    final String user;
    final String connection;
    final String instance;
    final CompletableFuture<Void> ready = new CompletableFuture<>();

    private final HistoryWriter history;
    private final RunClock clock;
    private final LiveCounters live;
    private final AtomicLong lastFrameNanos;
    private final AtomicBoolean closed = new AtomicBoolean();
    private final StringBuilder partial = new StringBuilder();
    private volatile WebSocket socket;
    private String token;
    private volatile long requested;

    FleetSocket(String user, String connection, String instance, HistoryWriter history, RunClock clock,
            LiveCounters live, AtomicLong lastFrameNanos) {
        this.user = user;
        this.connection = connection;
        this.instance = instance;
        this.history = history;
        this.clock = clock;
        this.live = live;
        this.lastFrameNanos = lastFrameNanos;
    }

    /** Starts connecting; {@link #ready} completes on the server's {@code ready}, or fails. */
    void open(HttpClient http, String wsUrl, String bearer) {
        this.token = bearer;
        this.requested = clock.nowMicros();
        http.newWebSocketBuilder().connectTimeout(Duration.ofSeconds(30)).buildAsync(URI.create(wsUrl), this)
                .whenComplete((ws, e) -> {
                    if (e != null) {
                        ready.completeExceptionally(e);
                    }
                });
    }

    @Override
    public void onOpen(WebSocket webSocket) {
        socket = webSocket;
        webSocket.sendText("{\"op\":\"auth\",\"token\":\"" + token + "\"}", true);
        token = null;
        webSocket.request(1);
    }

    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
        long at = clock.nowMicros();
        partial.append(data);
        if (last) {
            String text = partial.toString();
            partial.setLength(0);
            frame(ServerFrame.parse(text), at, text);
        }
        webSocket.request(1);
        return null;
    }

    private void frame(ServerFrame frame, long at, String text) {
        if (frame.isEvent()) {
            lastFrameNanos.set(System.nanoTime()); // events only: a pong must not stretch the drain
            history.append(new Receipt(user, connection, instance, frame.channelId(), frame.eventId(), frame.seq(), at));
            live.delivered();
        } else if ("ready".equals(frame.op())) {
            history.append(new SessionOpen(user, connection, instance, at, requested));
            ready.complete(null);
        } else if ("error".equals(frame.op()) && !ready.isDone()) {
            ready.completeExceptionally(new IllegalStateException("refused before ready: " + text));
        }
    }

    @Override
    public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
        ended("closed by the server: " + statusCode + (reason == null || reason.isEmpty() ? "" : " " + reason));
        return null;
    }

    @Override
    public void onError(WebSocket webSocket, Throwable error) {
        ended("connection failed: " + error);
    }

    /** A close the fleet did not ask for: recorded at once, since the checker must know the user went offline. */
    private void ended(String reason) {
        if (closed.compareAndSet(false, true)) {
            if (ready.isDone() && !ready.isCompletedExceptionally()) {
                history.append(new SessionClose(user, connection, reason, clock.nowMicros()));
            }
            ready.completeExceptionally(new IllegalStateException(reason));
        }
    }

    /** Closes on purpose (the end of the run): one {@code SessionClose}, then the close handshake. */
    CompletableFuture<?> close(String reason) {
        if (!closed.compareAndSet(false, true)) {
            return CompletableFuture.completedFuture(null);
        }
        if (ready.isDone() && !ready.isCompletedExceptionally()) {
            history.append(new SessionClose(user, connection, reason, clock.nowMicros()));
        }
        WebSocket ws = socket;
        if (ws == null) {
            return CompletableFuture.completedFuture(null);
        }
        return ws.sendClose(WebSocket.NORMAL_CLOSURE, "end of run").exceptionally(e -> null);
    }

    void ping() {
        WebSocket ws = socket;
        if (ws != null && !closed.get() && !ws.isOutputClosed()) {
            ws.sendText("{\"op\":\"ping\"}", true).exceptionally(e -> null);
        }
    }

    void abort() {
        WebSocket ws = socket;
        if (ws != null) {
            ws.abort();
        }
    }
}
