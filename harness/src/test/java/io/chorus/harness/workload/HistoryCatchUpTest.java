package io.chorus.harness.workload;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.chorus.harness.history.HistoryRead;
import io.chorus.harness.stack.HttpJson;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The catch-up's calls against a scripted Query API: its cursors, its stop rule, its 429 handling. */
class HistoryCatchUpTest {
    private static final String Q = "http://query";
    private static final long SINCE = micros("2026-12-06T20:00:00Z");

    private final Deque<String> expected = new ArrayDeque<>();
    private final Deque<HttpJson.Answer> answers = new ArrayDeque<>();
    private final List<Duration> paused = new ArrayList<>();

    private static long micros(String instant) {
        Instant i = Instant.parse(instant);
        return i.getEpochSecond() * 1_000_000L + i.getNano() / 1_000;
    }

    private void answer(String url, int status, String body, long retryAfter) {
        expected.add(url);
        JsonNode json;
        try {
            json = HttpJson.JSON.readTree(body.isEmpty() ? "{}" : body);
        } catch (Exception e) {
            throw new IllegalArgumentException(e);
        }
        answers.add(new HttpJson.Answer(status, body, json, retryAfter));
    }

    private List<HistoryRead> read(Map<String, String> lastHad) {
        HistoryCatchUp catchUp = new HistoryCatchUp(Q, (url, bearer) -> {
            assertThat(url).isEqualTo(expected.poll());
            assertThat(bearer).isEqualTo("token");
            return answers.poll();
        }, paused::add, () -> SINCE + 1, () -> false);
        List<HistoryRead> reads = catchUp.read("alice", "token", lastHad, SINCE);
        assertThat(expected).isEmpty();
        return reads;
    }

    private static String page(boolean hasMore, String... idsAndTimes) {
        StringBuilder b = new StringBuilder("{\"messages\":[");
        for (int i = 0; i < idsAndTimes.length; i += 2) {
            b.append(i == 0 ? "" : ",").append("{\"id\":\"").append(idsAndTimes[i]).append("\",\"createdAt\":\"")
                    .append(idsAndTimes[i + 1]).append("\"}");
        }
        return b.append("],\"hasMore\":").append(hasMore).append('}').toString();
    }

    @Test
    void readsOnFromTheLastMessageHadFollowingTheCursorsAndWaitsOutTheRateLimit() {
        answer(Q + "/v1/users/me/channels?limit=1000", 200, "{\"items\":[{\"channelId\":\"ch\"}],\"nextCursor\":\"c 1\"}", -1);
        answer(Q + "/v1/users/me/channels?limit=1000&cursor=c+1", 200, "{\"items\":[]}", -1);
        String first = Q + "/v1/channels/ch/messages?limit=200&after=m1";
        answer(first, 429, "{\"code\":\"rate_limited\"}", 3);
        answer(first, 200, page(true, "m2", "2026-12-06T20:00:01Z", "m3", "2026-12-06T20:00:02Z"), -1);
        answer(Q + "/v1/channels/ch/messages?limit=200&after=m3", 200, page(false, "m4", "2026-12-06T20:00:03Z"), -1);
        List<HistoryRead> reads = read(Map.of("ch", "m1"));
        assertThat(reads).hasSize(1);
        assertThat(reads.get(0).messageIds()).containsExactly("m2", "m3", "m4");
        assertThat(reads.get(0).complete()).isTrue();
        assertThat(paused).containsExactly(Duration.ofSeconds(3));
    }

    @Test
    void aChannelWithNothingHadIsReadBackToTheFirstReady() {
        answer(Q + "/v1/users/me/channels?limit=1000", 200, "{\"items\":[{\"channelId\":\"ch\"}]}", -1);
        answer(Q + "/v1/channels/ch/messages?limit=200", 200,
                page(true, "m9", "2026-12-06T20:00:09Z", "m8", "2026-12-06T20:00:08Z"), -1);
        answer(Q + "/v1/channels/ch/messages?limit=200&before=m8", 200,
                page(true, "m7", "2026-12-06T20:00:07Z", "m0", "2026-12-06T19:59:59Z"), -1);
        List<HistoryRead> reads = read(Map.of());
        assertThat(reads.get(0).messageIds()).containsExactly("m9", "m8", "m7");
        assertThat(reads.get(0).complete()).isTrue();
    }

    @Test
    void aRefusedReadIsRecordedAsIncompleteWithWhatItHad() {
        answer(Q + "/v1/users/me/channels?limit=1000", 200, "{\"items\":[{\"channelId\":\"ch\"}]}", -1);
        answer(Q + "/v1/channels/ch/messages?limit=200&after=e1", 400, "{\"code\":\"bad_cursor\"}", -1);
        answer(Q + "/v1/channels/ch/messages?limit=200", 200, page(true, "m2", "2026-12-06T20:00:02Z"), -1);
        answer(Q + "/v1/channels/ch/messages?limit=200&before=m2", 503, "", -1);
        List<HistoryRead> reads = read(Map.of("ch", "e1"));
        assertThat(reads.get(0).messageIds()).containsExactly("m2");
        assertThat(reads.get(0).complete()).isFalse();
    }

    @Test
    void aChannelListThatCannotBeReadIsStillOnRecord() {
        answer(Q + "/v1/users/me/channels?limit=1000", 500, "", -1);
        List<HistoryRead> reads = read(Map.of());
        assertThat(reads).singleElement().satisfies(r -> {
            assertThat(r.channel()).isNull();
            assertThat(r.complete()).isFalse();
        });
    }
}
