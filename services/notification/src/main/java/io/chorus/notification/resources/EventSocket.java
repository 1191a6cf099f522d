package io.chorus.notification.resources;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.chorus.common.auth.ChorusPrincipal;
import io.chorus.common.auth.InvalidTokenException;
import io.chorus.common.auth.TokenVerifier;
import io.chorus.notification.core.AwaitingAuth;
import io.chorus.notification.core.CloseCodes;
import io.chorus.notification.core.Frames;
import io.chorus.notification.core.LiveSession;
import io.chorus.notification.core.OpenQueues;
import io.chorus.notification.core.Outbound;
import io.chorus.notification.core.OutboundQueue;
import io.chorus.notification.core.TokenSockets;
import io.chorus.notification.core.TypingLimits;
import io.chorus.notification.core.UserSockets;
import io.chorus.notification.nats.SessionLifecycle;
import jakarta.websocket.CloseReason;
import jakarta.websocket.Endpoint;
import jakarta.websocket.EndpointConfig;
import jakarta.websocket.MessageHandler;
import jakarta.websocket.Session;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code /v1/ws}: one instance per connection. Authenticates with the JWT from the {@code token} query parameter
 * or the first frame ({@code {"op":"auth","token":...,"resume":...}}), then hands the session to the
 * {@link SessionLifecycle}. Client frames: {@code ping}, {@code typing}, {@code active},
 * {@code watch_presence}. The protocol is docs/protocol.md.
 */
public class EventSocket extends Endpoint {
    private static final Logger LOG = LoggerFactory.getLogger(EventSocket.class);

    /** What every socket shares. */
    public record Shared(
            TokenVerifier verifier,
            Supplier<SessionLifecycle> lifecycle,
            ObjectMapper json,
            ExecutorService setup,
            ScheduledExecutorService timers,
            int maxFrameBytes,
            Duration idleTimeout,
            Duration authTimeout,
            int outboundFrames,
            long outboundBytes,
            TypingLimits typing,
            UserSockets userSockets,
            AwaitingAuth awaitingAuth,
            TokenSockets tokenSockets,
            OpenQueues queues) {}

    private final Shared shared;
    private Session ws;
    private OutboundQueue out;
    private volatile boolean authStarted;
    private volatile LiveSession live;
    private volatile boolean closed;
    /** The user this socket is counted for in {@link UserSockets}, until it closes. */
    private String countedUser;
    /** The remote address this socket is counted for in {@link AwaitingAuth}, until it authenticates or closes. */
    private String awaitingFrom;

    private ScheduledFuture<?> authDeadline;
    private volatile ScheduledFuture<?> tokenExpiry;
    /** The bot token this socket is registered under in {@link TokenSockets}, until it closes. */
    private volatile String botTokenId;

    private final TokenSockets.Closer revoked = () -> out.closeSession(CloseCodes.TOKEN_REVOKED, "token revoked");

    public EventSocket(Shared shared) {
        this.shared = shared;
    }

    @Override
    public void onOpen(Session session, EndpointConfig config) {
        ws = session;
        ws.setMaxTextMessageBufferSize(shared.maxFrameBytes());
        ws.setMaxIdleTimeout(shared.idleTimeout().toMillis());
        out = new OutboundQueue(
                new SocketOutbound(ws, shared.setup(), this::who), shared.outboundFrames(), shared.outboundBytes());
        shared.queues().opened(out);
        ws.addMessageHandler(String.class, (MessageHandler.Whole<String>) this::onText);
        String token = first(ws.getRequestParameterMap(), "token");
        if (token != null) {
            authenticate(token, first(ws.getRequestParameterMap(), "resume"));
        } else if (!countAwaiting(remoteAddress())) {
            out.closeSession(CloseCodes.TRY_AGAIN_LATER, "too many sockets awaiting authentication");
        } else {
            authDeadline = shared.timers()
                    .schedule(
                            () -> {
                                if (!authStarted) {
                                    out.closeSession(
                                            CloseCodes.AUTH_TIMEOUT, "no auth frame within " + shared.authTimeout());
                                }
                            },
                            shared.authTimeout().toMillis(),
                            TimeUnit.MILLISECONDS);
        }
    }

    private void onText(String text) {
        JsonNode frame;
        try {
            frame = shared.json().readTree(text);
        } catch (Exception e) {
            out.offer(Frames.error("bad_frame", "frames are JSON objects with an op"));
            return;
        }
        String op = frame == null ? "" : frame.path("op").asText();
        LiveSession activeSession = live;
        if (activeSession != null && !op.equals("ping")) {
            // presence: any frame but ping is the user doing something (decision 0253)
            shared.lifecycle().get().active(activeSession);
        }
        switch (op) {
            case "auth" -> {
                if (authStarted) {
                    out.offer(Frames.error("already_authenticated", "auth is the first frame only"));
                } else {
                    authenticate(
                            frame.path("token").asText(null),
                            frame.path("resume").asText(null));
                }
            }
            case "ping" -> out.offer(Frames.pong());
            case "watch_presence" -> watchPresence(frame.path("channelIds"));
            case "active" -> {
                if (live == null) {
                    out.offer(Frames.error("not_ready", "wait for the ready frame"));
                }
            }
            case "typing" -> {
                LiveSession session = live;
                if (session == null) {
                    out.offer(Frames.error("not_ready", "wait for the ready frame"));
                } else if (!shared.typing().tryTake(session.sessionId(), session.userId())) {
                    out.offer(Frames.error("rate_limited", "too many typing frames: this one was dropped"));
                } else if (!shared.lifecycle()
                        .get()
                        .typing(session, frame.path("channelId").asText(""))) {
                    out.offer(Frames.error("not_a_member", "typing is for channels you are a member of"));
                }
            }
            default -> out.offer(Frames.error("bad_frame", "unknown op '" + shorten(op) + "'"));
        }
    }

    /** Off the socket's thread: it reads channel members from MongoDB and the presence of each. */
    private void watchPresence(JsonNode channelIds) {
        LiveSession session = live;
        if (session == null) {
            out.offer(Frames.error("not_ready", "wait for the ready frame"));
            return;
        }
        if (!channelIds.isArray()) {
            out.offer(Frames.error("bad_frame", "watch_presence takes channelIds, a list of channel ids"));
            return;
        }
        List<String> ids = new java.util.ArrayList<>();
        channelIds.forEach(id -> ids.add(id.asText("")));
        shared.setup().execute(() -> {
            String refused = shared.lifecycle().get().watchPresence(session, ids);
            if (refused != null) {
                out.offer(refused);
            }
        });
    }

    private void authenticate(String token, String resume) {
        authStarted = true;
        uncountAwaiting();
        if (authDeadline != null) {
            authDeadline.cancel(false);
        }
        ChorusPrincipal principal;
        try {
            principal = shared.verifier().verify(token);
        } catch (InvalidTokenException e) {
            out.offer(Frames.error("unauthorized", e.getMessage()));
            out.closeSession(CloseCodes.UNAUTHORIZED, "unauthorized");
            return;
        }
        if (!countSocket(principal.userId())) {
            out.offer(Frames.error(
                    "too_many_sockets",
                    "at most " + shared.userSockets().max() + " sockets per user: close one first"));
            out.closeSession(CloseCodes.TOO_MANY_SOCKETS, "too many sockets");
            return;
        }
        if (principal.isBot() && !principal.grant().read()) {
            out.offer(Frames.error("forbidden", "a session needs a bot token with the read scope"));
            out.closeSession(CloseCodes.UNAUTHORIZED, "unauthorized");
            return;
        }
        closeWhenExpired(principal);
        closeWhenRevoked(principal);
        shared.setup().execute(() -> {
            try {
                LiveSession session =
                        shared.lifecycle().get().open(out, principal.userId(), resume, opened -> live = opened);
                if (closed) { // the socket went away while the session was being set up
                    shared.lifecycle().get().close(session);
                }
            } catch (Exception e) {
                LOG.warn("session setup for {} failed", principal.userId(), e);
                out.closeSession(CloseCodes.INTERNAL_ERROR, "session setup failed");
            }
        });
    }

    /** Counts this socket for its user, unless the user is at the cap or the socket already closed. */
    private synchronized boolean countSocket(String userId) {
        if (closed || !shared.userSockets().tryOpen(userId)) {
            return false;
        }
        countedUser = userId;
        return true;
    }

    /** Counts this socket as awaiting its auth frame, unless the instance (or its address) is at the bound. */
    private synchronized boolean countAwaiting(String address) {
        if (!shared.awaitingAuth().tryAdmit(address)) {
            return false;
        }
        awaitingFrom = address;
        return true;
    }

    private synchronized void uncountAwaiting() {
        if (awaitingFrom != null) {
            shared.awaitingAuth().release(awaitingFrom);
            awaitingFrom = null;
        }
    }

    /** The peer's IP address as Jetty saw it (the gateway's, behind one); "" when Jetty does not say. */
    private String remoteAddress() {
        Object address = ws.getUserProperties().get("jakarta.websocket.endpoint.remoteAddress");
        return address instanceof java.net.InetSocketAddress inet && inet.getAddress() != null
                ? inet.getAddress().getHostAddress()
                : String.valueOf(address == null ? "" : address);
    }

    private synchronized String uncount() {
        closed = true;
        String user = countedUser;
        countedUser = null;
        return user;
    }

    /** A socket lives no longer than its token: closed with 4003 when the token would no longer verify. */
    private void closeWhenExpired(ChorusPrincipal principal) {
        if (principal.validUntil().equals(java.time.Instant.MAX)) {
            return;
        }
        long delay = Math.max(
                0,
                java.time.Duration.between(java.time.Instant.now(), principal.validUntil())
                        .toMillis());
        tokenExpiry = shared.timers()
                .schedule(
                        () -> out.closeSession(CloseCodes.TOKEN_EXPIRED, "token expired"),
                        delay,
                        TimeUnit.MILLISECONDS);
    }

    /** A bot's socket lives no longer than its token: registered so that a revocation closes it with 4004. */
    private void closeWhenRevoked(ChorusPrincipal principal) {
        if (principal.isBot()) {
            botTokenId = principal.grant().tokenId();
            shared.tokenSockets().opened(botTokenId, revoked);
        }
    }

    @Override
    public void onClose(Session session, CloseReason reason) {
        uncountAwaiting();
        String tokenId = botTokenId;
        if (tokenId != null) {
            shared.tokenSockets().closed(tokenId, revoked);
        }
        String counted = uncount();
        if (counted != null) {
            shared.userSockets().closed(counted);
        }
        ScheduledFuture<?> expiry = tokenExpiry;
        if (expiry != null) {
            expiry.cancel(false);
        }
        out.close();
        shared.queues().closed(out);
        LiveSession session0 = live;
        if (session0 != null) {
            live = null;
            shared.typing().closed(session0.sessionId());
            shared.lifecycle().get().close(session0);
        }
    }

    @Override
    public void onError(Session session, Throwable error) {
        LOG.debug("socket error: {}", error.toString());
    }

    /** Who is on this socket, for the log: the user and session once authenticated. */
    private String who() {
        LiveSession session = live;
        return session == null ? "socket " + ws.getId() : session.userId() + " (session " + session.sessionId() + ")";
    }

    private static String first(Map<String, List<String>> params, String name) {
        List<String> values = params.get(name);
        return values == null || values.isEmpty() ? null : values.get(0);
    }

    private static String shorten(String text) {
        return text.length() > 32 ? text.substring(0, 32) : text;
    }

    /**
     * Frames out through Jetty's asynchronous sender; closing off the caller's thread. A close the server decides
     * (slow consumer, lost events, failed setup) is logged with the user: operators see who was dropped and why.
     */
    private record SocketOutbound(Session ws, ExecutorService closer, Supplier<String> who) implements Outbound {
        @Override
        public void send(String frame, Consumer<Throwable> done) {
            try {
                ws.getAsyncRemote()
                        .sendText(frame, result -> done.accept(result.isOK() ? null : result.getException()));
            } catch (RuntimeException e) {
                done.accept(e);
            }
        }

        @Override
        public void close(int code, String reason) {
            LOG.info("closing the socket of {} with {}: {}", who.get(), code, reason);
            closer.execute(() -> {
                try {
                    ws.close(new CloseReason(CloseReason.CloseCodes.getCloseCode(code), reason));
                } catch (Exception e) {
                    LOG.debug("close failed: {}", e.toString());
                }
            });
        }
    }
}
