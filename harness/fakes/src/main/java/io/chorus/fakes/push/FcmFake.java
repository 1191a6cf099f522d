package io.chorus.fakes.push;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.KeyFactory;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;

/**
 * A local FCM over TLS: an OAuth token endpoint that accepts only a JWT bearer grant signed by the service
 * account's key (audience the token URL, the messaging scope), and {@code messages:send} that accepts only that access
 * token and a message with a token, a notification and collapse keys. Tokens named in {@link #answers} get that
 * status instead (404 is FCM's UNREGISTERED). A {@link ProviderFault} applies to every message while in force.
 */
public final class FcmFake implements FakeProvider {
    public static final String PROJECT = "chorus-test";
    private static final ObjectMapper JSON = new ObjectMapper();

    public final List<JsonNode> accepted = new CopyOnWriteArrayList<>();
    public final List<String> refusals = new CopyOnWriteArrayList<>();
    /** Device token -> status to answer (404, 429, 503). */
    public final Map<String, Integer> answers = new ConcurrentHashMap<>();

    private final RSAPublicKey accountKey;
    private final String accessToken = "fake-access-" + System.nanoTime();
    /** Handlers on their own threads: a slow answer holds one request, not the listener. */
    private final ExecutorService handlers = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "fcm-fake");
        t.setDaemon(true);
        return t;
    });

    private final int port;
    private volatile Consumer<AcceptedNotification> listener = n -> {};
    private volatile Consumer<GoneToken> gone = g -> {};
    private volatile ProviderFault fault = ProviderFault.NONE;
    private HttpsServer server; // null while down

    public FcmFake() throws Exception {
        this(0);
    }

    /** @param port the port to listen on; 0 for any free one */
    public FcmFake(int port) throws Exception {
        String pem = java.nio.file.Files.readString(TestCredentials.file("fcm-public.pem"));
        accountKey = (RSAPublicKey) KeyFactory.getInstance("RSA")
                .generatePublic(new X509EncodedKeySpec(Base64.getDecoder()
                        .decode(pem.replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", ""))));
        listen(port);
        this.port = server.getAddress().getPort();
    }

    private void listen(int on) throws Exception {
        server = HttpsServer.create(new InetSocketAddress("127.0.0.1", on), 0);
        server.setHttpsConfigurator(new HttpsConfigurator(TestCredentials.serverContext()));
        server.setExecutor(handlers);
        server.createContext("/token", this::token);
        server.createContext("/v1/projects/" + PROJECT + "/messages:send", this::send);
        server.start();
    }

    /** Called with every notification accepted, from the thread that accepted it. */
    public FcmFake onAccepted(Consumer<AcceptedNotification> listener) {
        this.listener = listener;
        return this;
    }

    /** Called with every notification answered 404 UNREGISTERED (a token {@link #expire expired}). */
    public FcmFake onGone(Consumer<GoneToken> gone) {
        this.gone = gone;
        return this;
    }

    /** The token is no longer valid: answered 404 UNREGISTERED from now on. */
    public void expire(String token) {
        answers.put(token, 404);
    }

    @Override
    public String provider() {
        return "fcm";
    }

    @Override
    public ProviderFault fault() {
        return fault;
    }

    @Override
    public synchronized void fault(ProviderFault next) {
        try {
            if (next.kind() == ProviderFault.Kind.DOWN && server != null) {
                server.stop(0);
                server = null;
            } else if (next.kind() != ProviderFault.Kind.DOWN && server == null) {
                listen(port);
            }
        } catch (Exception e) {
            throw new IllegalStateException("fcm fake: cannot listen on " + port + " again", e);
        }
        fault = next;
    }

    public int port() {
        return port;
    }

    public String baseUrl() {
        return "https://127.0.0.1:" + port;
    }

    public String tokenUrl() {
        return baseUrl() + "/token";
    }

    private void token(HttpExchange exchange) throws IOException {
        try {
            Map<String, String> form = new java.util.HashMap<>();
            for (String pair :
                    new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8).split("&")) {
                String[] kv = pair.split("=", 2);
                form.put(kv[0], URLDecoder.decode(kv.length > 1 ? kv[1] : "", StandardCharsets.UTF_8));
            }
            SignedJWT jwt = SignedJWT.parse(form.get("assertion"));
            boolean valid = "urn:ietf:params:oauth:grant-type:jwt-bearer".equals(form.get("grant_type"))
                    && jwt.verify(new RSASSAVerifier(accountKey))
                    && jwt.getJWTClaimsSet().getAudience().contains(tokenUrl())
                    && "https://www.googleapis.com/auth/firebase.messaging"
                            .equals(jwt.getJWTClaimsSet().getStringClaim("scope"))
                    && jwt.getJWTClaimsSet().getExpirationTime().after(new java.util.Date());
            if (!valid) {
                refusals.add("bad assertion");
                answer(exchange, 400, "{\"error\":\"invalid_grant\"}");
                return;
            }
            answer(exchange, 200, "{\"access_token\":\"" + accessToken + "\",\"expires_in\":3600}");
        } catch (Exception e) {
            refusals.add("token: " + e);
            answer(exchange, 400, "{\"error\":\"invalid_request\"}");
        }
    }

    private void send(HttpExchange exchange) throws IOException {
        if (!("Bearer " + accessToken).equals(exchange.getRequestHeaders().getFirst("Authorization"))) {
            refusals.add("no valid bearer token");
            answer(exchange, 401, "{\"error\":{\"code\":401,\"status\":\"UNAUTHENTICATED\"}}");
            return;
        }
        JsonNode message = JSON.readTree(exchange.getRequestBody()).path("message");
        String token = message.path("token").asText("");
        if (token.isEmpty()
                || message.path("notification").path("title").asText("").isEmpty()
                || message.path("android").path("collapse_key").asText("").isEmpty()) {
            refusals.add("bad message " + message);
            answer(exchange, 400, "{\"error\":{\"code\":400,\"status\":\"INVALID_ARGUMENT\"}}");
            return;
        }
        ProviderFault now = fault;
        if (now.kind() == ProviderFault.Kind.SLOW) {
            pause(now.delay());
        }
        Integer status = switch (now.kind()) {
            case UNAVAILABLE -> 503;
            case THROTTLED -> 429;
            default -> answers.get(token);
        };
        if (status == null) {
            accepted.add(message);
            listener.accept(new AcceptedNotification(
                    "fcm",
                    token,
                    message.path("data").path("messageId").asText(""),
                    message.path("android").path("collapse_key").asText("")));
            answer(exchange, 200, "{\"name\":\"projects/" + PROJECT + "/messages/" + accepted.size() + "\"}");
        } else if (status == 404) {
            gone.accept(new GoneToken(
                    "fcm", token, message.path("data").path("messageId").asText("")));
            answer(
                    exchange,
                    404,
                    "{\"error\":{\"code\":404,\"status\":\"NOT_FOUND\",\"details\":[{\"@type\":"
                            + "\"type.googleapis.com/google.firebase.fcm.v1.FcmError\",\"errorCode\":\"UNREGISTERED\"}]}}");
        } else {
            long retryAfter = now.retryAfter().isZero() ? 7 : now.retryAfter().toSeconds();
            exchange.getResponseHeaders().add("Retry-After", Long.toString(retryAfter));
            String code = status == 429 ? "RESOURCE_EXHAUSTED" : "UNAVAILABLE";
            answer(exchange, status, "{\"error\":{\"code\":" + status + ",\"status\":\"" + code + "\"}}");
        }
    }

    private static void pause(java.time.Duration delay) {
        try {
            Thread.sleep(delay.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void answer(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }

    @Override
    public synchronized void close() {
        if (server != null) {
            server.stop(0);
            server = null;
        }
        handlers.shutdownNow();
    }
}
