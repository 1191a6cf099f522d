package io.chorus.harness.workload;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.chorus.harness.client.ChorusClient;
import io.chorus.harness.client.RateLimitWait;
import io.chorus.harness.history.HistoryRead;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The catch-up's calls against a scripted Query API: its cursors, its stop rule, its 429 handling. */
class HistoryCatchUpTest {
    private static final long SINCE = micros("2026-12-06T20:00:00Z");

    private final Deque<String> expected = new ArrayDeque<>();
    private final Deque<Scripted> answers = new ArrayDeque<>();
    private final List<String> asked = new ArrayList<>();
    private final List<Duration> paused = new ArrayList<>();
    private HttpServer query;

    private record Scripted(int status, String body, long retryAfter) {}

    /** A query service that records each request's path, query and token and answers the next scripted answer. */
    @BeforeEach
    void start() throws IOException {
        query = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        query.createContext("/", exchange -> {
            String q = exchange.getRequestURI().getRawQuery();
            asked.add(exchange.getRequestURI().getRawPath() + (q == null ? "" : "?" + q) + " "
                    + exchange.getRequestHeaders().getFirst("Authorization"));
            Scripted next = answers.poll();
            byte[] body = next == null ? new byte[0] : next.body().getBytes(StandardCharsets.UTF_8);
            if (next != null && next.retryAfter() >= 0) {
                exchange.getResponseHeaders().add("Retry-After", Long.toString(next.retryAfter()));
            }
            exchange.sendResponseHeaders(next == null ? 599 : next.status(), body.length == 0 ? -1 : body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        query.start();
    }

    @AfterEach
    void stop() {
        query.stop(0);
    }

    private static long micros(String instant) {
        Instant i = Instant.parse(instant);
        return i.getEpochSecond() * 1_000_000L + i.getNano() / 1_000;
    }

    private void answer(String url, int status, String body, long retryAfter) {
        expected.add(url + " Bearer token");
        answers.add(new Scripted(status, body, retryAfter));
    }

    private List<HistoryRead> read(Map<String, String> lastHad) {
        String url = "http://127.0.0.1:" + query.getAddress().getPort();
        ChorusClient client = ChorusClient.at(url, url, RateLimitWait.NONE);
        HistoryCatchUp catchUp = new HistoryCatchUp(client, paused::add, () -> SINCE + 1, () -> false);
        List<HistoryRead> reads = catchUp.read("alice", "token", lastHad, SINCE);
        assertThat(asked).containsExactlyElementsOf(expected);
        return reads;
    }

    private static String page(boolean hasMore, String... idsAndTimes) {
        StringBuilder b = new StringBuilder("{\"messages\":[");
        for (int i = 0; i < idsAndTimes.length; i += 2) {
            b.append(i == 0 ? "" : ",")
                    .append("{\"id\":\"")
                    .append(idsAndTimes[i])
                    .append("\",\"createdAt\":\"")
                    .append(idsAndTimes[i + 1])
                    .append("\"}");
        }
        return b.append("],\"hasMore\":").append(hasMore).append('}').toString();
    }

    @Test
    void readsOnFromTheLastMessageHadFollowingTheCursorsAndWaitsOutTheRateLimit() {
        answer(
                "/v1/users/me/channels?limit=1000",
                200,
                "{\"items\":[{\"channelId\":\"ch\"}],\"nextCursor\":\"c 1\"}",
                -1);
        answer("/v1/users/me/channels?cursor=c+1&limit=1000", 200, "{\"items\":[]}", -1);
        String first = "/v1/channels/ch/messages?limit=200&after=m1";
        answer(first, 429, "{\"code\":\"rate_limited\"}", 3);
        answer(first, 200, page(true, "m2", "2026-12-06T20:00:01Z", "m3", "2026-12-06T20:00:02Z"), -1);
        answer("/v1/channels/ch/messages?limit=200&after=m3", 200, page(false, "m4", "2026-12-06T20:00:03Z"), -1);
        List<HistoryRead> reads = read(Map.of("ch", "m1"));
        assertThat(reads).hasSize(1);
        assertThat(reads.get(0).messageIds()).containsExactly("m2", "m3", "m4");
        assertThat(reads.get(0).complete()).isTrue();
        assertThat(paused).containsExactly(Duration.ofSeconds(3));
    }

    @Test
    void aChannelWithNothingHadIsReadBackToTheFirstReady() {
        answer("/v1/users/me/channels?limit=1000", 200, "{\"items\":[{\"channelId\":\"ch\"}]}", -1);
        answer(
                "/v1/channels/ch/messages?limit=200",
                200,
                page(true, "m9", "2026-12-06T20:00:09Z", "m8", "2026-12-06T20:00:08Z"),
                -1);
        answer(
                "/v1/channels/ch/messages?limit=200&before=m8",
                200,
                page(true, "m7", "2026-12-06T20:00:07Z", "m0", "2026-12-06T19:59:59Z"),
                -1);
        List<HistoryRead> reads = read(Map.of());
        assertThat(reads.get(0).messageIds()).containsExactly("m9", "m8", "m7");
        assertThat(reads.get(0).complete()).isTrue();
    }

    @Test
    void aRefusedReadIsRecordedAsIncompleteWithWhatItHad() {
        answer("/v1/users/me/channels?limit=1000", 200, "{\"items\":[{\"channelId\":\"ch\"}]}", -1);
        answer("/v1/channels/ch/messages?limit=200&after=e1", 400, "{\"code\":\"bad_cursor\"}", -1);
        answer("/v1/channels/ch/messages?limit=200", 200, page(true, "m2", "2026-12-06T20:00:02Z"), -1);
        answer("/v1/channels/ch/messages?limit=200&before=m2", 503, "", -1);
        List<HistoryRead> reads = read(Map.of("ch", "e1"));
        assertThat(reads.get(0).messageIds()).containsExactly("m2");
        assertThat(reads.get(0).complete()).isFalse();
    }

    @Test
    void aChannelListThatCannotBeReadIsStillOnRecord() {
        answer("/v1/users/me/channels?limit=1000", 500, "", -1);
        List<HistoryRead> reads = read(Map.of());
        assertThat(reads).singleElement().satisfies(r -> {
            assertThat(r.channel()).isNull();
            assertThat(r.complete()).isFalse();
        });
    }
}
