package io.chorus.harness.workload;

import io.chorus.harness.client.ClientFrame;
import io.chorus.harness.history.HistoryWriter;
import io.chorus.harness.history.MembershipFrame;
import io.chorus.harness.history.Receipt;
import io.chorus.harness.history.RunClock;
import io.chorus.harness.history.SessionClose;
import io.chorus.harness.history.SessionOpen;
import io.chorus.harness.history.SessionResync;
import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PingWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PongWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketClientHandshaker;
import io.netty.handler.codec.http.websocketx.WebSocketClientHandshakerFactory;
import io.netty.handler.codec.http.websocketx.WebSocketCloseStatus;
import io.netty.handler.codec.http.websocketx.WebSocketFrameAggregator;
import io.netty.handler.codec.http.websocketx.WebSocketVersion;
import io.netty.util.ReferenceCountUtil;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * One connection of an online user to {@code /v1/ws}. It authenticates with an {@code auth} frame (a token in the
 * URL would reach the instance's request log), with the resume token of the user's previous connection when it is
 * a reconnect; appends {@code SessionOpen} on {@code ready}, a {@code Receipt} per event frame and a
 * {@code SessionResync} per {@code resync_required} (and tells the fleet, which reads the gap from history), from
 * the socket's own receive callback, so the history holds
 * each socket's receipts in arrival order: a Netty channel is served by one event loop thread, which hands it one
 * whole message after another. It keeps the latest resume token it was given; when the server or the network ends a
 * connection that was ready, it appends {@code SessionClose} and tells the fleet ({@code dropped}), which reconnects.
 *
 * <p>This is the last handler of the socket's pipeline: HTTP codec and aggregator for the upgrade answer (the
 * handshaker swaps them for the WebSocket frame decoder and encoder), then a frame aggregator that joins a
 * fragmented text message (at most {@value #MAX_MESSAGE_BYTES} bytes), then this. Nothing here blocks: it runs on
 * the fleet's event loops, which serve thousands of sockets.
 */
final class FleetSocket extends ChannelInboundHandlerAdapter {
    /** Far above any frame or message the server sends (an event carries one message envelope). */
    static final int MAX_MESSAGE_BYTES = 1 << 20;
    /** What the JDK client reported for a close frame without a status, kept so close codes read as before. */
    private static final int NO_STATUS = WebSocketCloseStatus.EMPTY.code();

    final String user;
    final String connection;
    final String instance;
    final CompletableFuture<Void> ready = new CompletableFuture<>();

    private final HistoryWriter history;
    private final RunClock clock;
    private final LiveCounters live;
    private final AtomicLong lastFrameNanos;
    private final Consumer<FleetSocket> dropped;
    /** The last message id the user had of each channel, across its connections: where a history read starts. */
    private final Map<String, String> lastHad;

    private final Consumer<FleetSocket> resynced;
    private final AtomicBoolean closed = new AtomicBoolean();
    private volatile Channel channel;
    private WebSocketClientHandshaker handshaker;
    /** The upgrade is done and the auth frame written: frames may be sent from now on. */
    private volatile boolean upgraded;

    private long handshakeDeadline; // System.nanoTime() by which the upgrade must be done
    private Future<?> handshakeTimer;
    private volatile boolean opened;
    private volatile String resume;
    private volatile int closeCode = -1;
    private volatile String refusal = ""; // the server's error frame before ready, told again when the close comes
    private String token;
    private volatile long requested;
    private volatile long readyFrom; // when the user first asked to connect, for a retried first connect; else 0

    FleetSocket(
            String user,
            String connection,
            String instance,
            String resume,
            HistoryWriter history,
            RunClock clock,
            LiveCounters live,
            AtomicLong lastFrameNanos,
            Consumer<FleetSocket> dropped,
            Map<String, String> lastHad,
            Consumer<FleetSocket> resynced) {
        this.user = user;
        this.connection = connection;
        this.instance = instance;
        this.resume = resume;
        this.history = history;
        this.clock = clock;
        this.live = live;
        this.lastFrameNanos = lastFrameNanos;
        this.dropped = dropped;
        this.lastHad = lastHad;
        this.resynced = resynced;
    }

    /**
     * Starts connecting on one of {@code loops}' event loops; {@link #ready} completes on the server's {@code ready},
     * or fails. The TCP connect and the upgrade together get {@code connectTimeout}, as the JDK client's did.
     */
    void open(Bootstrap loops, String wsUrl, String bearer, Duration connectTimeout) {
        this.token = bearer;
        this.requested = clock.nowMicros();
        this.handshakeDeadline = System.nanoTime() + connectTimeout.toNanos();
        try {
            URI uri = URI.create(wsUrl);
            if (!"ws".equalsIgnoreCase(uri.getScheme())) {
                throw new IllegalArgumentException("only ws:// URLs are supported: " + wsUrl);
            }
            // resolved here, on the fleet's thread, so no event loop ever waits for a name lookup
            InetSocketAddress address = new InetSocketAddress(uri.getHost(), uri.getPort() == -1 ? 80 : uri.getPort());
            if (address.isUnresolved()) {
                throw new UnknownHostException(uri.getHost());
            }
            // no Origin header, no extensions offered: the upgrade request the JDK client sent
            handshaker = WebSocketClientHandshakerFactory.newHandshaker(
                    uri,
                    WebSocketVersion.V13,
                    null,
                    false,
                    new DefaultHttpHeaders(),
                    MAX_MESSAGE_BYTES,
                    true,
                    false,
                    10_000,
                    false,
                    false);
            Channel ch = loops.clone()
                    .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int)
                            Math.min(Integer.MAX_VALUE, connectTimeout.toMillis()))
                    .handler(new ChannelInitializer<Channel>() {
                        @Override
                        protected void initChannel(Channel c) {
                            channel = c; // before the connect: an end on the event loop can close it
                            c.pipeline()
                                    .addLast(
                                            new HttpClientCodec(),
                                            new HttpObjectAggregator(8192),
                                            new WebSocketFrameAggregator(MAX_MESSAGE_BYTES),
                                            FleetSocket.this);
                        }
                    })
                    .connect(address)
                    .addListener((ChannelFutureListener) f -> {
                        if (!f.isSuccess()) {
                            ended("connect failed: " + f.cause());
                        }
                    })
                    .channel();
            channel = ch;
            if (closed.get()) {
                ch.close(); // given up on (or the fleet closed) while the channel was being made
            }
        } catch (Exception e) {
            ended("connect failed: " + e);
        }
    }

    /** The latest resume token the server gave this connection (or the one it resumed with). */
    String resume() {
        return resume;
    }

    /** This socket retries a first connect begun at {@code micros}: its ready time counts from then. */
    void readyCountedFrom(long micros) {
        readyFrom = micros;
    }

    long requested() {
        return requested;
    }

    /** The close code the server sent, or -1 (the connection failed without one, or is open). */
    int closeCode() {
        return closeCode;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        long left = Math.max(0, handshakeDeadline - System.nanoTime());
        handshakeTimer = ctx.executor()
                .schedule(
                        () -> {
                            if (!upgraded) {
                                ended("connect failed: no WebSocket upgrade within the connect timeout");
                            }
                        },
                        left,
                        TimeUnit.NANOSECONDS);
        handshaker.handshake(ctx.channel()).addListener((ChannelFutureListener) f -> {
            if (!f.isSuccess()) {
                ended("connect failed: " + f.cause());
            }
        });
        ctx.fireChannelActive();
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        try {
            if (msg instanceof TextWebSocketFrame message) { // whole: the aggregator joined any fragments
                long at = clock.nowMicros(); // the receipt time: the moment the whole message is here, before parsing
                String text = message.content().toString(StandardCharsets.UTF_8);
                frame(ServerFrame.parse(text), at, text);
            } else if (msg instanceof FullHttpResponse response) {
                upgrade(ctx, response);
            } else if (msg instanceof CloseWebSocketFrame close) {
                closedByServer(ctx, close);
            } else if (msg instanceof PingWebSocketFrame ping) {
                ctx.writeAndFlush(new PongWebSocketFrame(ping.content().retain()));
            }
            // pongs and binary frames are no part of the protocol's server side: dropped
        } finally {
            ReferenceCountUtil.release(msg);
        }
    }

    private void upgrade(ChannelHandlerContext ctx, FullHttpResponse response) {
        try {
            handshaker.finishHandshake(ctx.channel(), response);
        } catch (RuntimeException e) { // not a 101, or a wrong accept key
            ended("connect failed: " + e);
            return;
        }
        if (handshakeTimer != null) {
            handshakeTimer.cancel(false);
        }
        if (closed.get()) {
            ctx.close();
            return;
        }
        ctx.writeAndFlush(new TextWebSocketFrame(ClientFrame.auth(token, resume)))
                .addListener((ChannelFutureListener) f -> {
                    if (!f.isSuccess()) {
                        ended("connection failed: " + f.cause());
                    }
                });
        token = null;
        upgraded = true;
    }

    private void frame(ServerFrame frame, long at, String text) {
        if (frame.resume() != null) {
            resume = frame.resume();
        }
        if (frame.isEvent()) {
            lastFrameNanos.set(System.nanoTime()); // events only: a pong must not stretch the drain
            history.append(
                    new Receipt(user, connection, instance, frame.channelId(), frame.eventId(), frame.seq(), at));
            lastHad.put(frame.channelId(), frame.eventId());
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
        } else if ("channel_added".equals(frame.op()) || "channel_removed".equals(frame.op())) {
            history.append(
                    new MembershipFrame(user, connection, frame.channelId(), "channel_added".equals(frame.op()), at));
        } else if ("resync_required".equals(frame.op())) {
            history.append(new SessionResync(user, connection, frame.reason(), at));
            resynced.accept(this); // the fleet reads what was missed from history, off this event loop
        } else if ("error".equals(frame.op()) && !ready.isDone()) {
            // the server closes a socket it refuses right after this frame: the close's code says whether a retry
            // may cure it (a bad token will not), so the attempt ends there
            refusal = ", refused before ready: " + text;
        }
    }

    /**
     * The server's close frame: the answer to the fleet's own close (or to one after a give-up), or the server ending
     * the session. The latter is answered with a close frame of the same code, as RFC 6455 asks, and the channel
     * closes once that is written.
     */
    private void closedByServer(ChannelHandlerContext ctx, CloseWebSocketFrame close) {
        if (closed.get()) {
            ctx.close();
            return;
        }
        int code = close.statusCode() == -1 ? NO_STATUS : close.statusCode();
        String reason = close.reasonText();
        closeCode = code;
        CloseWebSocketFrame answer = WebSocketCloseStatus.isValidStatusCode(code)
                ? new CloseWebSocketFrame(code, "")
                : new CloseWebSocketFrame();
        ctx.writeAndFlush(answer).addListener(ChannelFutureListener.CLOSE);
        ended(
                "closed by the server: " + code + (reason == null || reason.isEmpty() ? "" : " " + reason) + refusal,
                false);
    }

    /** The connection went away without a close frame (reset, killed instance), or before the upgrade was done. */
    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        ended(
                upgraded
                        ? "connection failed: closed without a close frame"
                        : "connect failed: connection closed during the WebSocket upgrade");
        ctx.fireChannelInactive();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        ended((upgraded ? "connection failed: " : "connect failed: ") + cause, false);
        ctx.close(); // here, not in ended(): also when the socket had ended already (a reset after the close frame)
    }

    private void ended(String reason) {
        ended(reason, true);
    }

    /**
     * A close the fleet did not ask for: recorded at once, since the checker must know the user went offline. Only
     * the first end of a socket counts (a reset is an exception and then an inactive channel).
     */
    private void ended(String reason, boolean closeChannel) {
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
        if (closeChannel) {
            abort();
        }
        if (wasOpen) {
            dropped.accept(this);
        }
    }

    /**
     * Closes on purpose (the end of the run): one {@code SessionClose}, then a close frame 1000; the future completes
     * once that is written (or failed). A socket not upgraded yet has no close handshake: its channel just closes.
     */
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
        Channel ch = channel;
        if (ch == null) {
            return CompletableFuture.completedFuture(null);
        }
        if (!upgraded || !ch.isActive()) {
            ch.close();
            return CompletableFuture.completedFuture(null);
        }
        CompletableFuture<Void> written = new CompletableFuture<>();
        ch.writeAndFlush(new CloseWebSocketFrame(WebSocketCloseStatus.NORMAL_CLOSURE.code(), "end of run"))
                .addListener(f -> written.complete(null));
        return written;
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
        Channel ch = channel;
        if (ch != null && ready.isDone() && !ready.isCompletedExceptionally() && !closed.get() && ch.isActive()) {
            ch.writeAndFlush(new TextWebSocketFrame(ClientFrame.ping()));
        }
    }

    /** Ready, not closed and its connection still up: a socket churn may drop. */
    boolean isReadyAndOpen() {
        Channel ch = channel;
        return ch != null && ch.isActive() && ready.isDone() && !ready.isCompletedExceptionally() && !closed.get();
    }

    /** Closes the channel at once, without a close handshake. */
    void abort() {
        Channel ch = channel;
        if (ch != null) {
            ch.close();
        }
    }
}
