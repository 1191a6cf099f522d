package io.chorus.harness.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The client's requests and its reading of answers, against a local HTTP server that records what it was sent and
 * answers what a test tells it (the services' own behaviour is the ITs' business).
 */
class HttpChorusClientTest {
    private HttpServer server;
    private final List<String> requests = new CopyOnWriteArrayList<>();
    private volatile int status = 200;
    private volatile String body = "{}";
    private volatile String retryAfter;
    private ChorusClient client;

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            String sent = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            requests.add(
                    exchange.getRequestMethod() + " " + exchange.getRequestURI().getRawPath()
                            + (exchange.getRequestURI().getRawQuery() == null
                                    ? ""
                                    : "?" + exchange.getRequestURI().getRawQuery())
                            + " " + exchange.getRequestHeaders().getFirst("Authorization") + " " + sent);
            byte[] answer = body.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            if (retryAfter != null) {
                exchange.getResponseHeaders().add("Retry-After", retryAfter);
            }
            exchange.sendResponseHeaders(status, answer.length);
            exchange.getResponseBody().write(answer);
            exchange.close();
        });
        server.start();
        String url = "http://127.0.0.1:" + server.getAddress().getPort();
        client = new HttpChorusClient(url + "/cmd", url + "/qry", RateLimitWait.NONE, Duration.ofSeconds(5));
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    @Test
    void aCommandGoesToTheCommandServiceAndAnswersTheTyped202() {
        status = 202;
        body = "{\"channelId\":\"c1\",\"messageId\":\"m1\",\"seq\":12,\"extra\":true}";
        Accepted accepted = client.sendMessage("tok", "c1", "k1", "hi \"there\"");
        assertThat(accepted.messageId()).isEqualTo("m1");
        assertThat(accepted.seq()).isEqualTo(12);
        assertThat(requests)
                .containsExactly(
                        "POST /cmd/v1/channels/c1/messages Bearer tok {\"clientMsgId\":\"k1\",\"text\":\"hi \\\"there\\\"\"}");
    }

    @Test
    void aReadGoesToTheQueryServiceWithItsParametersEncoded() {
        body = "{\"messages\":[{\"id\":\"m2\",\"createdAt\":\"2026-01-01T00:00:00Z\",\"deleted\":false}],"
                + "\"hasMore\":true}";
        HistoryPage page = client.history("tok", "c1", HistoryQuery.before("a b", 200));
        assertThat(page.nextCursor()).isEqualTo("m2");
        assertThat(page.messages().get(0).createdAt()).hasToString("2026-01-01T00:00:00Z");
        assertThat(requests).containsExactly("GET /qry/v1/channels/c1/messages?limit=200&before=a+b Bearer tok ");
    }

    @Test
    void aRefusalIsTheTypedErrorWithCodeMessageAndRetryAfter() {
        status = 429;
        retryAfter = "3";
        body = "{\"error\":{\"code\":\"rate_limited\",\"message\":\"slow down\"}}";
        ApiException refused = catchThrowableOfType(() -> client.channel("tok", "c1"), ApiException.class);
        assertThat(refused.status()).isEqualTo(429);
        assertThat(refused.code()).isEqualTo("rate_limited");
        assertThat(refused.getMessage()).contains("slow down");
        assertThat(refused.retryAfter()).contains(Duration.ofSeconds(3));
        assertThat(refused.response().isJsonError()).isTrue();
    }

    @Test
    void rawAnswersWhateverTheStatusAndSendsNoTokenWhenNoneIsGiven() {
        status = 400;
        body = "not json";
        Response answer = client.raw(ChorusClient.Service.QUERY, "GET", "/v1/users/me/channels?limit=abc", null, null);
        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.json()).isNull();
        assertThat(requests).containsExactly("GET /qry/v1/users/me/channels?limit=abc null ");
    }

    @Test
    void aPathSegmentIsEncoded() {
        status = 202;
        client.removeReaction("tok", "c1", "m1", "thumbs up/+");
        assertThat(requests)
                .containsExactly("DELETE /cmd/v1/channels/c1/messages/m1/reactions/thumbs%20up%2F%2B Bearer tok ");
    }
}
