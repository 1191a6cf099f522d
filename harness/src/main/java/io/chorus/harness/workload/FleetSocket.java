package io.chorus.harness.workload;

import io.chorus.harness.history.HistoryWriter;
import io.chorus.harness.history.Receipt;
import io.chorus.harness.history.RunClock;
import io.chorus.harness.history.SessionClose;
import io.chorus.harness.history.SessionOpen;
import io.chorus.harness.history.SessionResync;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * One connection of an online user to {@code /v1/ws}. It authenticates with an {@code auth} frame (a token in the
 * URL would reach the instance's request log), with the resume token of the user's previous connection when it is
 * a reconnect; appends {@code SessionOpen} on {@code ready}, a {@code Receipt} per event frame and a
 * {@code SessionResync} per {@code resync_required}, from the socket's own callback, so the history holds each
 * socket's receipts in arrival order: the client asks for the next frame only after it has appended the previous
 * one. It keeps the latest resume token it was given; when the server or the network ends a connection that was
 * ready, it appends {@code SessionClose} and tells the fleet ({@code dropped}), which reconnects.
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
    private final Consumer<FleetSocket> dropped;
    private final AtomicBoolean closed = new AtomicBoolean();
    private final StringBuilder partial = new StringBuilder();
    private volatile WebSocket socket;
    private volatile boolean opened;
    private volatile String resume;
    private volatile int closeCode = -1;
    private String token;
    private volatile long requested;
    private volatile long readyFrom; // when the user first asked to connect, for a retried first connect; else 0

    FleetSocket(String user, String connection, String instance, String resume, HistoryWriter history, RunClock clock,
            LiveCounters live, AtomicLong lastFrameNanos, Consumer<FleetSocket> dropped) {
        this.user = user;
        this.connection = connection;
        this.instance = instance;
        this.resume = resume;
        this.history = history;
        this.clock = clock;
        this.live = live;
        this.lastFrameNanos = lastFrameNanos;
        this.dropped = dropped;
    }

    /** Starts connecting; {@link #ready} completes on the server's {@code ready}, or fails. */
    void open(HttpClient http, String wsUrl, String bearer, Duration connectTimeout) {
        this.token = bearer;
        this.requested = clock.nowMicros();
        http.newWebSocketBuilder().connectTimeout(connectTimeout).buildAsync(URI.create(wsUrl), this)
                .whenComplete((ws, e) -> {
                    if (e != null) {
                        ended("connect failed: " + e);
                    }
                });
    }

    /** The latest resume token the server gave this connection (or the one it resumed with). */
    String resume() {
        return resume;
    }

    /** The close code the server sent, or -1 (the connection failed without one, or is open). */
    /** This socket retries a first connect begun at {@code micros}: its ready time counts from then. */
    void readyCountedFrom(long micros) {
        readyFrom = micros;
    }

    long requested() {
        return requested;
    }

    int closeCode() {
        return closeCode;
    }

    @Override
    public void onOpen(WebSocket webSocket) {
        socket = webSocket;
        String from = resume;
        webSocket.sendText("{\"op\":\"auth\",\"token\":\"" + token + "\""
                + (from == null ? "" : ",\"resume\":\"" + from + "\"") + "}", true);
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
        if (frame.resume() != null) {
            resume = frame.resume();
        }
        if (frame.isEvent()) {
            lastFrameNanos.set(System.nanoTime()); // events only: a pong must not stretch the drain
            history.append(new Receipt(user, connection, instance, frame.channelId(), frame.eventId(), frame.seq(), at));
            live.delivered();
        } else if ("ready".equals(frame.op())) {
            synchronized (this) { // against giveUp: an attempt the fleet gave up on stays out of the history
                if (closed.get() || ready.isDone()) {
                    return;
                }
                opened = true;
                history.append(new SessionOpen(user, connection, instance, at, readyFrom > 0 ? readyFrom : requested));
            }
            ready.complete(null);
        } else if ("resync_required".equals(frame.op())) {
            history.append(new SessionResync(user, connection, frame.reason(), at));
        } else if ("error".equals(frame.op()) && !ready.isDone()) {
            ready.completeExceptionally(new IllegalStateException("refused before ready: " + text));
        }
    }

    @Override
    public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
        closeCode = statusCode;
        ended("closed by the server: " + statusCode + (reason == null || reason.isEmpty() ? "" : " " + reason));
        return null;
    }

    @Override
    public void onError(WebSocket webSocket, Throwable error) {
        ended("connection failed: " + error);
    }

    /** A close the fleet did not ask for: recorded at once, since the checker must know the user went offline. */
    private void ended(String reason) {
        boolean wasOpen;
        synchronized (this) {
            if (!closed.compareAndSet(false, true)) {
                return;
            }
            wasOpen = opened;
            if (wasOpen) {
                history.append(new SessionClose(user, connection, reason, clock.nowMicros()));
            }
        }
        ready.completeExceptionally(new IllegalStateException(reason));
        abort();
        if (wasOpen) {
            dropped.accept(this);
        }
    }

    /** Closes on purpose (the end of the run): one {@code SessionClose}, then the close handshake. */
    CompletableFuture<?> close(String reason) {
        synchronized (this) {
            if (!closed.compareAndSet(false, true)) {
                return CompletableFuture.completedFuture(null);
            }
            if (opened) {
                history.append(new SessionClose(user, connection, reason, clock.nowMicros()));
            }
        }
        ready.completeExceptionally(new IllegalStateException(reason));
        WebSocket ws = socket;
        if (ws == null) {
            return CompletableFuture.completedFuture(null);
        }
        return ws.sendClose(WebSocket.NORMAL_CLOSURE, "end of run").exceptionally(e -> null);
    }

    /** Gives up on a connection attempt that did not become ready in time; no history, no {@code dropped}. */
    void giveUp() {
        synchronized (this) {
            if (!closed.compareAndSet(false, true)) {
                return;
            }
            if (opened) { // ready arrived just as the fleet gave up: it was open, so it closes like any session
                history.append(new SessionClose(user, connection, "no ready in time", clock.nowMicros()));
            }
        }
        abort();
    }

    /** Pings a ready session; never one still authenticating (its first frame must be the auth). */
    void ping() {
        WebSocket ws = socket;
        if (ws != null && ready.isDone() && !ready.isCompletedExceptionally() && !closed.get() && !ws.isOutputClosed()) {
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
