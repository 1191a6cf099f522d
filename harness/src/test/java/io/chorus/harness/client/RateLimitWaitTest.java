package io.chorus.harness.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RateLimitWaitTest {
    private final List<Duration> waited = new ArrayList<>();

    private static Response answer(int status, String retryAfter) {
        return new Response(status, retryAfter == null ? Map.of() : Map.of("retry-after", retryAfter), "", null);
    }

    private Response sendAll(RateLimitWait wait, Response... answers) {
        Deque<Response> queue = new ArrayDeque<>(List.of(answers));
        return wait.send(queue::poll);
    }

    @Test
    void waitsOutEach429ForItsRetryAfterThenAnswersTheNext() {
        RateLimitWait wait = new RateLimitWait(Duration.ofMinutes(1), waited::add);
        Response last = sendAll(wait, answer(429, "2"), answer(429, "3"), answer(200, null));
        assertThat(last.status()).isEqualTo(200);
        assertThat(waited).containsExactly(Duration.ofSeconds(2), Duration.ofSeconds(3));
    }

    @Test
    void waitsASecondWhenRetryAfterIsMissingZeroOrADate() {
        RateLimitWait wait = new RateLimitWait(Duration.ofMinutes(1), waited::add);
        sendAll(
                wait,
                answer(429, null),
                answer(429, "0"),
                answer(429, "Wed, 21 Oct 2015 07:28:00 GMT"),
                answer(202, null));
        assertThat(waited).containsExactly(Duration.ofSeconds(1), Duration.ofSeconds(1), Duration.ofSeconds(1));
    }

    @Test
    void answersThe429WhenTheNextWaitWouldPassThePatience() {
        RateLimitWait wait = new RateLimitWait(Duration.ofSeconds(5), waited::add);
        Response last = sendAll(wait, answer(429, "10"), answer(200, null));
        assertThat(last.status()).isEqualTo(429);
        assertThat(waited).isEmpty();
    }

    @Test
    void noneNeverWaits() {
        Response last = sendAll(RateLimitWait.NONE, answer(429, "1"), answer(200, null));
        assertThat(last.status()).isEqualTo(429);
    }

    @Test
    void otherStatusesAreAnsweredAtOnce() {
        RateLimitWait wait = new RateLimitWait(Duration.ofMinutes(1), waited::add);
        assertThat(sendAll(wait, answer(503, "1"), answer(200, null)).status()).isEqualTo(503);
        assertThat(waited).isEmpty();
    }
}
