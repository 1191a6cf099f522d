package io.chorus.fakes.push;

import com.eatthepath.pushy.apns.auth.ApnsVerificationKey;
import com.eatthepath.pushy.apns.server.MockApnsServer;
import com.eatthepath.pushy.apns.server.MockApnsServerBuilder;
import com.eatthepath.pushy.apns.server.MockApnsServerListener;
import com.eatthepath.pushy.apns.server.PushNotificationHandler;
import com.eatthepath.pushy.apns.server.RejectedNotificationException;
import com.eatthepath.pushy.apns.server.RejectionReason;
import com.eatthepath.pushy.apns.server.ValidatingPushNotificationHandlerFactory;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.netty.buffer.ByteBuf;
import io.netty.handler.codec.http2.Http2Headers;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Pushy's mock APNs (HTTP/2 over TLS) with the test credentials: it checks the ES256 provider token of {@link #KEY_ID}
 * and {@link #TEAM}, the topic {@link #TOPIC} and that the device token was {@link #allow allowed}, as APNs does.
 * A {@link ProviderFault} applies while in force: {@code DOWN} closes the listening socket (a new server on the same
 * port when it heals; Pushy's client reconnects), {@code UNAVAILABLE} and {@code THROTTLED} reject with 503 and 429
 * (APNs sends no {@code Retry-After}). {@code SLOW} is not offered: the mock answers on its event loop, so a delay
 * there would stall every stream of the connection rather than delay each answer.
 */
public final class ApnsFake implements FakeProvider {
    public static final String TOPIC = "io.chorus.app";
    public static final String TEAM = "TEAM123456";
    public static final String KEY_ID = "KEY1234567";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Set<String> tokens = ConcurrentHashMap.newKeySet();
    private final Map<String, Instant> expired = new ConcurrentHashMap<>();
    private final int port;
    private volatile Consumer<AcceptedNotification> listener = n -> {};
    private volatile Consumer<GoneToken> gone = g -> {};
    private volatile ProviderFault fault = ProviderFault.NONE;
    private MockApnsServer server; // null while down

    /** @param port the port to listen on; 0 for any free one */
    public ApnsFake(int port) throws Exception {
        this.port = port == 0 ? freePort() : port;
        listen();
    }

    private static int freePort() throws IOException {
        try (ServerSocket probe = new ServerSocket(0)) {
            return probe.getLocalPort();
        }
    }

    private void listen() throws Exception {
        ApnsVerificationKey verification = ApnsVerificationKey.loadFromPkcs8File(
                TestCredentials.file("apns-verification-key.pem").toFile(), TEAM, KEY_ID);
        ValidatingPushNotificationHandlerFactory validating = new ValidatingPushNotificationHandlerFactory(
                Map.of(TOPIC, tokens), expired, Map.of(KEY_ID, verification), Map.of(verification, Set.of(TOPIC)));
        MockApnsServer next = new MockApnsServerBuilder()
                .setServerCredentials(
                        TestCredentials.file("server.pem").toFile(),
                        TestCredentials.file("server-key.pem").toFile(),
                        null)
                .setHandlerFactory(session -> faulted(validating.buildHandler(session)))
                .setListener(new Recorder())
                .build();
        next.start(port).get(20, TimeUnit.SECONDS);
        server = next;
    }

    private PushNotificationHandler faulted(PushNotificationHandler validating) {
        return (headers, payload) -> {
            switch (fault.kind()) {
                case UNAVAILABLE -> throw new RejectedNotificationException(RejectionReason.SERVICE_UNAVAILABLE);
                case THROTTLED -> throw new RejectedNotificationException(RejectionReason.TOO_MANY_REQUESTS);
                default -> validating.handlePushNotification(headers, payload);
            }
        };
    }

    /** Device tokens are known to APNs for {@link #TOPIC} once allowed; any other is answered BadDeviceToken. */
    public void allow(String token) {
        tokens.add(token);
    }

    /** The token is no longer valid: answered 410 Unregistered from now on. */
    public void expire(String token) {
        tokens.add(token);
        expired.put(token, Instant.now().minusSeconds(1));
    }

    public ApnsFake onAccepted(Consumer<AcceptedNotification> listener) {
        this.listener = listener;
        return this;
    }

    /** Called with every notification answered 410 Unregistered (an {@link #expire expired} token). */
    public ApnsFake onGone(Consumer<GoneToken> gone) {
        this.gone = gone;
        return this;
    }

    public int port() {
        return port;
    }

    @Override
    public String provider() {
        return "apns";
    }

    @Override
    public ProviderFault fault() {
        return fault;
    }

    @Override
    public synchronized void fault(ProviderFault next) {
        if (next.kind() == ProviderFault.Kind.SLOW) {
            throw new IllegalArgumentException("the APNs fake cannot be slow (its answers share one event loop)");
        }
        try {
            if (next.kind() == ProviderFault.Kind.DOWN && server != null) {
                server.shutdown().get(20, TimeUnit.SECONDS);
                server = null;
            } else if (next.kind() != ProviderFault.Kind.DOWN && server == null) {
                listen();
            }
        } catch (Exception e) {
            throw new IllegalStateException("apns fake: cannot change to " + next.kind() + " on " + port, e);
        }
        fault = next;
    }

    @Override
    public synchronized void close() {
        if (server != null) {
            try {
                server.shutdown().get(20, TimeUnit.SECONDS);
            } catch (Exception e) {
                throw new IllegalStateException("apns fake: no clean shutdown", e);
            } finally {
                server = null;
            }
        }
    }

    private final class Recorder implements MockApnsServerListener {
        @Override
        public void handlePushNotificationAccepted(Http2Headers headers, ByteBuf payload) {
            CharSequence collapse = headers.get("apns-collapse-id");
            listener.accept(new AcceptedNotification(
                    "apns", token(headers), messageId(payload), collapse == null ? "" : collapse.toString()));
        }

        @Override
        public void handlePushNotificationRejected(
                Http2Headers headers, ByteBuf payload, RejectionReason reason, Instant expiration) {
            if (reason == RejectionReason.UNREGISTERED) {
                gone.accept(new GoneToken("apns", token(headers), messageId(payload)));
            }
        }

        private static String token(Http2Headers headers) {
            String path = headers.path().toString();
            return path.substring(path.lastIndexOf('/') + 1);
        }

        private static String messageId(ByteBuf payload) {
            try {
                JsonNode body = JSON.readTree(payload.toString(StandardCharsets.UTF_8));
                return body.path("messageId").asText("");
            } catch (IOException e) {
                return "unreadable payload";
            }
        }
    }
}
