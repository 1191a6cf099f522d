package io.chorus.harness.client;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * One client socket of a notification instance's {@code /v1/ws} ({@code docs/protocol.md}), on the JDK's WebSocket
 * client: it authenticates (an {@code auth} frame, or the token in the URL for tests of that path, or not at all),
 * reads every text message whole as a {@link Frame}, keeps the last resume token it was given, and hands each frame
 * with the {@link System#nanoTime()} it arrived at to its {@link Listener} (by default: a queue that
 * {@link #next}, {@link #await} and {@link #events} read). {@link #ready} completes on {@code ready}, and fails when
 * the socket closes or is refused first; {@link #closeCode} completes with the close code (-1: no close frame).
 *
 * <p>A socket per thread of the JDK's client is fine for tests and benchmarks of some thousands of sockets; the
 * online fleet of a scenario holds its sockets on Netty event loops instead ({@code WebSocketFleet}), with the same
 * frames ({@link ClientFrame}) and protocol.
 */
public final class NotificationSocket implements AutoCloseable {
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);

    /** Gets every frame, on the socket's receive thread, in arrival order. */
    @FunctionalInterface
    public interface Listener {
        void frame(Frame frame, long receivedNanos);
    }

    private final CompletableFuture<Frame.Ready> ready = new CompletableFuture<>();
    private final CompletableFuture<Integer> closeCode = new CompletableFuture<>();
    private final BlockingQueue<Frame> frames = new LinkedBlockingQueue<>();
    private final Listener listener;
    private final CompletableFuture<WebSocket> socket;
    private volatile String resume;
    private volatile long readyAtNanos;

    private NotificationSocket(String url, String authFrame, Listener listener) {
        this(url, authFrame, listener, Map.of());
    }

    private NotificationSocket(String url, String authFrame, Listener listener, Map<String, String> headers) {
        this.listener = listener == null ? (frame, at) -> frames.add(frame) : listener;
        WebSocket.Builder builder = HTTP.newWebSocketBuilder().connectTimeout(CONNECT_TIMEOUT);
        headers.forEach(builder::header);
        this.socket = builder.buildAsync(URI.create(url), new Receiver());
        socket.whenComplete((ws, failed) -> {
            if (failed != null) {
                ready.completeExceptionally(failed);
                closeCode.complete(-1);
            } else if (authFrame != null) {
                ws.sendText(authFrame, true);
            }
        });
    }

    /** Opens a session the protocol's preferred way: the token in an {@code auth} frame; {@code resume} may be null. */
    public static NotificationSocket connect(String wsUrl, String token, String resume) {
        return new NotificationSocket(wsUrl, ClientFrame.auth(token, resume), null);
    }

    /** As {@link #connect(String, String, String)}, each frame going to {@code listener} instead of the queue. */
    public static NotificationSocket connect(String wsUrl, String token, String resume, Listener listener) {
        return new NotificationSocket(wsUrl, ClientFrame.auth(token, resume), listener);
    }

    /** Opens a session with the token (and resume token) in the URL, as the protocol also allows. */
    public static NotificationSocket connectWithTokenInUrl(String wsUrl, String token, String resume) {
        return new NotificationSocket(
                wsUrl + "?token=" + encode(token) + (resume == null ? "" : "&resume=" + encode(resume)), null, null);
    }

    /** As {@link #connectWithTokenInUrl(String, String, String)}, with extra headers on the upgrade request. */
    public static NotificationSocket connectWithTokenInUrl(
            String wsUrl, String token, String resume, Map<String, String> headers) {
        return new NotificationSocket(
                wsUrl + "?token=" + encode(token) + (resume == null ? "" : "&resume=" + encode(resume)),
                null,
                null,
                headers);
    }

    /** Opens a socket without credentials: the test sends its own first frame, or none. */
    public static NotificationSocket bare(String wsUrl) {
        return new NotificationSocket(wsUrl, null, null);
    }

    /** Completes on the server's {@code ready}; fails when the socket ends or is refused before it. */
    public CompletableFuture<Frame.Ready> ready() {
        return ready;
    }

    /** Waits for {@code ready}, failing with an {@link AssertionError} after {@code timeout}. */
    public Frame.Ready awaitReady(Duration timeout) {
        try {
            return ready.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            throw new AssertionError("no ready within " + timeout);
        } catch (ExecutionException e) {
            throw new AssertionError("no ready: " + e.getCause(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The {@link System#nanoTime()} the {@code ready} frame arrived at; 0 before it. */
    public long readyAtNanos() {
        return readyAtNanos;
    }

    /** The close code the server sent (or the one this end sent first); -1 when the connection failed without one. */
    public CompletableFuture<Integer> closeCode() {
        return closeCode;
    }

    /** The resume token of the last frame that carried one. */
    public String resume() {
        return resume;
    }

    /** Sends a text frame as is, once the socket is open. */
    public void send(String text) {
        open().sendText(text, true).join();
    }

    public void ping() {
        send(ClientFrame.ping());
    }

    public void typing(String channelId) {
        send(ClientFrame.typing(channelId));
    }

    /** The next frame of the queue, or null after {@code timeout}. */
    public Frame next(Duration timeout) {
        try {
            return frames.poll(timeout.toNanos(), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The next frame of {@code type}, skipping others; fails with an {@link AssertionError} at the deadline. */
    public <T extends Frame> T await(Class<T> type, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            Frame frame = next(Duration.ofNanos(Math.max(0, deadline - System.nanoTime())));
            if (frame == null) {
                throw new AssertionError("no " + type.getSimpleName() + " frame within " + timeout);
            }
            if (type.isInstance(frame)) {
                return type.cast(frame);
            }
        }
    }

    /** Drops every frame queued so far (a test that only cares about what arrives after this point). */
    public void discardQueued() {
        frames.clear();
    }

    /** The event frames of the queue until {@code count} arrived or {@code timeout} passed (others skipped). */
    public List<Frame.Event> events(int count, Duration timeout) {
        List<Frame.Event> events = new ArrayList<>();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (events.size() < count) {
            Frame frame = next(Duration.ofNanos(Math.max(0, deadline - System.nanoTime())));
            if (frame == null) {
                break;
            }
            if (frame instanceof Frame.Event event) {
                events.add(event);
            }
        }
        return events;
    }

    /** Closes with 1000 and waits until the close frame is sent. */
    public void closeNormally() {
        open().sendClose(WebSocket.NORMAL_CLOSURE, "bye").join();
    }

    /** Drops the connection at once, without a close handshake. */
    @Override
    public void close() {
        socket.thenAccept(WebSocket::abort);
    }

    private WebSocket open() {
        try {
            return socket.get(CONNECT_TIMEOUT.toSeconds() + 5, TimeUnit.SECONDS);
        } catch (TimeoutException | ExecutionException e) {
            throw new IllegalStateException("the socket did not open: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private final class Receiver implements WebSocket.Listener {
        private final StringBuilder partial = new StringBuilder();

        @Override
        public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
            long at = System.nanoTime();
            partial.append(data);
            if (last) {
                Frame frame = Frame.parse(partial.toString());
                partial.setLength(0);
                if (frame.resume() != null) {
                    resume = frame.resume();
                }
                listener.frame(frame, at);
                if (frame instanceof Frame.Ready r) {
                    readyAtNanos = at;
                    ready.complete(r);
                } else if (frame instanceof Frame.Error e && !ready.isDone() && "unauthorized".equals(e.code())) {
                    ready.completeExceptionally(new IllegalStateException("refused before ready: " + e));
                }
            }
            ws.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket ws, int statusCode, String reason) {
            ready.completeExceptionally(new IllegalStateException("closed " + statusCode + " " + reason));
            closeCode.complete(statusCode);
            return null;
        }

        @Override
        public void onError(WebSocket ws, Throwable error) {
            ready.completeExceptionally(error);
            closeCode.complete(-1);
        }
    }
}
