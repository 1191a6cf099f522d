package io.chorus.it.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import io.chorus.common.auth.DevelopmentTokens;
import io.chorus.harness.Poll;
import io.chorus.harness.client.ChorusClient;
import io.chorus.harness.client.Frame;
import io.chorus.harness.client.NotificationSocket;
import io.chorus.harness.client.RateLimitWait;
import io.chorus.harness.client.Response;
import io.chorus.harness.stack.LocalStackExtension;
import io.chorus.harness.stack.StackDescription;
import io.chorus.harness.stack.config.GatewayConfig;
import io.chorus.it.StackFixture;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The gateway's edge (decision 0220), through the stack's own HAProxy: bad tokens, rates and bodies are answered
 * there in the services' JSON error shape and never reach a service (their request logs, which carry the
 * gateway's {@code X-Request-Id}, are the witness); good requests are routed to the right service; a WebSocket
 * session works through it.
 */
@ExtendWith(LocalStackExtension.class)
class GatewayEdgeIT {
    private static final Duration LOG_WAIT = Duration.ofSeconds(20);

    private final StackDescription stack;
    private final StackFixture api;
    private final ChorusClient gateway;

    GatewayEdgeIT(StackDescription stack) {
        this.stack = stack;
        this.api = new StackFixture(stack);
        assertThat(stack.gateway()).as("the default stack runs a gateway").isNotNull();
        this.gateway = ChorusClient.at(stack.gateway().url(), stack.gateway().url(), RateLimitWait.NONE);
    }

    @Test
    void forgedUnsignedAndExpiredTokensAre401AtTheEdgeAndNeverReachAService() {
        String user = StackFixture.id("edge");
        String forged = new DevelopmentTokens("f".repeat(64)).issue(user, false, Duration.ofHours(1));
        String expired = new DevelopmentTokens(stack.auth().hmacSecret()).issue(user, false, Duration.ofMinutes(-5));
        String unsigned = new PlainJWT(new JWTClaimsSet.Builder()
                        .subject(user)
                        .issuer(DevelopmentTokens.ISSUER)
                        .audience(DevelopmentTokens.AUDIENCE)
                        .issueTime(new Date())
                        .expirationTime(Date.from(Instant.now().plus(Duration.ofHours(1))))
                        .build())
                .serialize();
        String refused = StackFixture.id("refused");
        for (String token : List.of(forged, expired, unsigned)) {
            for (Response answer : List.of(
                    gateway.raw(ChorusClient.Service.QUERY, "GET", "/v1/channels/" + refused, token, null, Map.of()),
                    gateway.raw(
                            ChorusClient.Service.COMMAND,
                            "POST",
                            "/v1/channels/" + refused + "/messages",
                            token,
                            "{\"clientMsgId\":\"" + refused + "\",\"text\":\"hi\"}",
                            Map.of()))) {
                assertThat(answer.status()).isEqualTo(401);
                assertThat(answer.json().path("error").path("code").asText()).isEqualTo("unauthorized");
                assertThat(answer.header("X-Request-Id")).isPresent();
            }
        }

        // a request sent after them with a good token is logged: had any refused one reached a service, its line
        // would be in that service's log before this one
        String admitted = StackFixture.id("admitted");
        Response control = gateway.raw(
                ChorusClient.Service.QUERY, "GET", "/v1/channels/" + admitted, api.token(user), null, Map.of());
        assertThat(control.status()).isEqualTo(404);
        awaitInLog("query", admitted);
        assertThat(log("query")).doesNotContain(refused);
        assertThat(log("command")).doesNotContain(refused);
    }

    @Test
    void aWriteGoesToTheCommandServiceAndAReadToTheQueryServiceEachLoggingTheGatewaysRequestId() {
        String owner = StackFixture.id("owner");
        String channelId = StackFixture.id("routed");
        Response created = gateway.raw(
                ChorusClient.Service.COMMAND,
                "POST",
                "/v1/channels",
                api.token(owner),
                "{\"channelId\":\"" + channelId + "\",\"name\":\"" + channelId
                        + "\",\"kind\":\"public\",\"members\":[]}",
                Map.of());
        assertThat(created.status()).isEqualTo(202);
        String writeId = created.header("X-Request-Id").orElseThrow();
        awaitInLog("command", writeId);
        assertThat(log("query")).doesNotContain(writeId);

        Response read = Poll.until(
                Duration.ofSeconds(20),
                () -> gateway.raw(
                        ChorusClient.Service.QUERY,
                        "GET",
                        "/v1/channels/" + channelId,
                        api.token(owner),
                        null,
                        Map.of()),
                r -> r.status() == 200);
        assertThat(read.json().path("id").asText()).isEqualTo(channelId);
        String readId = read.header("X-Request-Id").orElseThrow();
        assertThat(readId).isNotEqualTo(writeId);
        awaitInLog("query", readId);
        assertThat(log("command")).doesNotContain(readId);

        Response openApi =
                gateway.raw(ChorusClient.Service.COMMAND, "GET", "/openapi/command.json", null, null, Map.of());
        assertThat(openApi.status()).isEqualTo(200);
        assertThat(openApi.json().path("paths").has("/v1/channels")).isTrue();
        Response queryApi = gateway.raw(ChorusClient.Service.QUERY, "GET", "/openapi/query.json", null, null, Map.of());
        assertThat(queryApi.status()).isEqualTo(200);
        assertThat(queryApi.json().path("paths").has("/v1/search")).isTrue();
    }

    @Test
    void pastTheBodyLimitTheAnswerIs413AndTheServiceNeverSeesTheRequest() throws Exception {
        String marker = StackFixture.id("huge");
        long limit = GatewayConfig.Limits.DEFAULT.maxBodyBytes();
        // a body one byte past the limit, announced with "Expect: 100-continue" as a client sending a large body
        // should: the gateway answers on the headers and the body is never sent. A client that streams the body
        // regardless may find the connection reset instead, when the gateway closes with the unread body in its
        // buffer (a TCP reset drops the answer the client has not read yet). Written raw: the JDK 17 HTTP client waits
        // forever when such a request is answered with anything but 100.
        Response answer = StackFixture.rawHttp(
                stack.gateway().url(),
                "POST /v1/channels/" + marker + "/messages HTTP/1.1\r\nAuthorization: Bearer "
                        + api.token(StackFixture.id("u"))
                        + "\r\nContent-Type: application/json\r\nContent-Length: " + (limit + 1)
                        + "\r\nExpect: 100-continue");
        assertThat(answer.status()).isEqualTo(413);
        assertThat(answer.json().path("error").path("code").asText()).isEqualTo("body_too_large");

        String after = StackFixture.id("after");
        gateway.raw(
                ChorusClient.Service.QUERY,
                "GET",
                "/v1/channels/" + after,
                api.token(StackFixture.id("u")),
                null,
                Map.of());
        awaitInLog("query", after);
        assertThat(log("command")).doesNotContain(marker);
    }

    @Test
    void pastTheLimitOfOneUserItsRequestsAre429WithRetryAfterWhileAnotherUserIsServed() throws Exception {
        String busy = api.token(StackFixture.id("busy"));
        int limit = GatewayConfig.Limits.DEFAULT.requestsPerUser();
        List<Response> answers = new ArrayList<>();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<Response>> sent = new ArrayList<>();
            for (int i = 0; i < limit + 100; i++) {
                // a path outside the API, which the gateway answers itself (404): the user's requests count
                // wherever they go, and these cost no service anything, so the burst outruns the window on a busy
                // machine too
                sent.add(pool.submit(() ->
                        gateway.raw(ChorusClient.Service.QUERY, "GET", "/gateway-edge-it", busy, null, Map.of())));
            }
            for (Future<Response> answer : sent) {
                answers.add(answer.get());
            }
        } finally {
            pool.shutdownNow();
        }
        List<Response> limited = answers.stream().filter(a -> a.status() == 429).toList();
        assertThat(limited).isNotEmpty();
        // HAProxy counts a request when it tracks it and compares a moment later, so a request handled beside it on
        // another of its threads (one per core) may see that count and be refused one early
        assertThat(answers.stream().filter(a -> a.status() == 404).count())
                .isGreaterThanOrEqualTo(limit - Runtime.getRuntime().availableProcessors() + 1L);
        Response first = limited.get(0);
        assertThat(first.json().path("error").path("code").asText()).isEqualTo("rate_limited");
        assertThat(first.header("Retry-After"))
                .hasValue(Long.toString(GatewayConfig.Limits.DEFAULT.window().toSeconds()));

        // the limit holds for the API too, until the window has passed
        Response stillLimited =
                gateway.raw(ChorusClient.Service.QUERY, "GET", "/v1/users/me/channels", busy, null, Map.of());
        assertThat(stillLimited.status()).isEqualTo(429);
        Response other = gateway.raw(
                ChorusClient.Service.QUERY,
                "GET",
                "/v1/users/me/channels",
                api.token(StackFixture.id("calm")),
                null,
                Map.of());
        assertThat(other.status()).isEqualTo(200);
    }

    @Test
    void aWebSocketSessionThroughTheGatewayReceivesAMessageSentThroughIt() throws Exception {
        String owner = StackFixture.id("ws");
        String channelId = StackFixture.id("live");
        assertThat(api.createChannel(owner, channelId, "private").status()).isEqualTo(202);
        api.awaitChannel(channelId, owner, 1);
        // the token in the auth frame (docs/protocol.md): the gateway lets the upgrade through without one
        try (NotificationSocket socket =
                NotificationSocket.connect(stack.gateway().ws(), api.token(owner), null)) {
            socket.awaitReady(Duration.ofSeconds(20));
            String clientMsgId = StackFixture.id("m");
            Response sent = gateway.raw(
                    ChorusClient.Service.COMMAND,
                    "POST",
                    "/v1/channels/" + channelId + "/messages",
                    api.token(owner),
                    "{\"clientMsgId\":\"" + clientMsgId + "\",\"text\":\"through the gateway\"}",
                    Map.of());
            assertThat(sent.status()).isEqualTo(202);
            Frame.Event event = socket.await(Frame.Event.class, Duration.ofSeconds(20));
            assertThat(event.channelId()).isEqualTo(channelId);
        }
        // a token in the URL is checked at the edge: a forged one never opens a socket
        String forged = new DevelopmentTokens("f".repeat(64)).issue(owner, false, Duration.ofHours(1));
        try (NotificationSocket socket =
                NotificationSocket.connectWithTokenInUrl(stack.gateway().ws(), forged, null)) {
            assertThat(socket.closeCode().get(20, TimeUnit.SECONDS))
                    .as("the upgrade failed")
                    .isEqualTo(-1);
            assertThatThrownBy(() -> socket.awaitReady(Duration.ofSeconds(5))).hasStackTraceContaining("401");
        }
    }

    @Test
    void httpsAnswersOverHttp2WithTheStacksOwnCertificate() throws Exception {
        KeyStore trusted = KeyStore.getInstance(KeyStore.getDefaultType());
        trusted.load(null, null);
        try (InputStream pem = Files.newInputStream(Path.of(stack.runDir(), "config", "gateway-cert.pem"))) {
            trusted.setCertificateEntry(
                    "gateway", CertificateFactory.getInstance("X.509").generateCertificate(pem));
        }
        TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init(trusted);
        SSLContext tls = SSLContext.getInstance("TLS");
        tls.init(null, trust.getTrustManagers(), null);
        HttpClient client = HttpClient.newBuilder()
                .sslContext(tls)
                .version(HttpClient.Version.HTTP_2)
                .build();

        HttpResponse<String> answer = client.send(
                HttpRequest.newBuilder(URI.create(stack.gateway().https() + "/v1/users/me/channels"))
                        .header("Authorization", "Bearer " + api.token(StackFixture.id("tls")))
                        .GET()
                        .build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(answer.version()).isEqualTo(HttpClient.Version.HTTP_2);
        assertThat(answer.headers().firstValue("X-Request-Id")).isPresent();
    }

    private void awaitInLog(String component, String text) {
        Poll.until(LOG_WAIT, () -> log(component), l -> l.contains(text));
    }

    private String log(String component) {
        try {
            return Files.readString(Path.of(stack.runDir(), "logs", component + ".log"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
