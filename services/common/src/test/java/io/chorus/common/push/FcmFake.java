package io.chorus.common.push;

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

/**
 * A local FCM over TLS: an OAuth token endpoint that accepts only a JWT bearer grant signed by the service
 * account's key (audience the token URL, the messaging scope), and {@code messages:send} that accepts only that access
 * token and a message with a token, a notification and collapse keys. Tokens named in {@link #answers} get that
 * status instead (404 is FCM's UNREGISTERED).
 */
public final class FcmFake implements AutoCloseable {
    public static final String PROJECT = "chorus-test";
    private static final ObjectMapper JSON = new ObjectMapper();

    public final List<JsonNode> accepted = new CopyOnWriteArrayList<>();
    public final List<String> refusals = new CopyOnWriteArrayList<>();
    /** Device token -> status to answer (404, 429, 503). */
    public final Map<String, Integer> answers = new ConcurrentHashMap<>();

    private final HttpsServer server;
    private final RSAPublicKey accountKey;
    private final String accessToken = "fake-access-" + System.nanoTime();

    public FcmFake() throws Exception {
        String pem = java.nio.file.Files.readString(TestCredentials.file("fcm-public.pem"));
        accountKey = (RSAPublicKey) KeyFactory.getInstance("RSA")
                .generatePublic(new X509EncodedKeySpec(Base64.getDecoder()
                        .decode(pem.replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", ""))));
        server = HttpsServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setHttpsConfigurator(new HttpsConfigurator(TestCredentials.serverContext()));
        server.createContext("/token", this::token);
        server.createContext("/v1/projects/" + PROJECT + "/messages:send", this::send);
        server.start();
    }

    public String baseUrl() {
        return "https://127.0.0.1:" + server.getAddress().getPort();
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
        Integer status = answers.get(token);
        if (status == null) {
            accepted.add(message);
            answer(exchange, 200, "{\"name\":\"projects/" + PROJECT + "/messages/" + accepted.size() + "\"}");
        } else if (status == 404) {
            answer(
                    exchange,
                    404,
                    "{\"error\":{\"code\":404,\"status\":\"NOT_FOUND\",\"details\":[{\"@type\":"
                            + "\"type.googleapis.com/google.firebase.fcm.v1.FcmError\",\"errorCode\":\"UNREGISTERED\"}]}}");
        } else {
            exchange.getResponseHeaders().add("Retry-After", "7");
            answer(exchange, status, "{\"error\":{\"code\":" + status + ",\"status\":\"UNAVAILABLE\"}}");
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
    public void close() {
        server.stop(0);
    }
}
