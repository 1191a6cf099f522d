package io.chorus.common.nats.worker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.chorus.common.events.PoisonEvent;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;

class RetryPolicyTest {
    private static final RetryPolicy POLICY = new RetryPolicy(Duration.ofMillis(200), Duration.ofSeconds(10), 5);

    @Test
    void theDelayDoublesFromTheFirstUpToTheCeiling() {
        assertThat(java.util.stream.LongStream.rangeClosed(1, 9)
                        .mapToObj(POLICY::delay)
                        .map(Duration::toMillis))
                .containsExactly(200L, 400L, 800L, 1_600L, 3_200L, 6_400L, 10_000L, 10_000L, 10_000L);
        assertThat(POLICY.delay(Long.MAX_VALUE)).isEqualTo(Duration.ofSeconds(10));
    }

    @Test
    void theMessageWritersOldScheduleIsThePolicysWithOneAndFifteenSeconds() {
        RetryPolicy writer = new RetryPolicy(Duration.ofSeconds(1), Duration.ofSeconds(15), 5);
        assertThat(java.util.stream.LongStream.rangeClosed(1, 6)
                        .mapToObj(writer::delay)
                        .map(Duration::toSeconds))
                .containsExactly(1L, 2L, 4L, 8L, 15L, 15L);
    }

    @Test
    void poisonIsDeadLetteredOnItsFirstDelivery() {
        assertThat(POLICY.judge(FailureKind.POISON, 1)).isInstanceOf(RetryPolicy.DeadLetter.class);
    }

    @Test
    void anOutageIsRetriedWithoutEnd() {
        for (long attempt : new long[] {1, 5, 6, 1_000, 1_000_000}) {
            assertThat(POLICY.judge(FailureKind.OUTAGE, attempt))
                    .as("attempt " + attempt)
                    .isEqualTo(new RetryPolicy.Retry(POLICY.delay(attempt)));
        }
    }

    @Test
    void aRefusalIsRetriedUntilItsLastAttemptThenDeadLettered() {
        for (long attempt = 1; attempt < 5; attempt++) {
            assertThat(POLICY.judge(FailureKind.REFUSED, attempt)).isInstanceOf(RetryPolicy.Retry.class);
        }
        assertThat(POLICY.judge(FailureKind.REFUSED, 5)).isInstanceOf(RetryPolicy.DeadLetter.class);
        // 200 + 400 + 800 + 1,600 ms
        assertThat(POLICY.refusedSpan()).isEqualTo(Duration.ofSeconds(3));
    }

    @Test
    void theAttemptsSpanningAWindowRetryAtLeastThatLong() {
        Duration window = Duration.ofMinutes(10);
        int attempts = RetryPolicy.attemptsSpanning(Duration.ofMillis(200), Duration.ofSeconds(10), window);
        RetryPolicy policy = new RetryPolicy(Duration.ofMillis(200), Duration.ofSeconds(10), attempts);
        assertThat(policy.refusedSpan()).isGreaterThanOrEqualTo(window);
        assertThat(new RetryPolicy(Duration.ofMillis(200), Duration.ofSeconds(10), attempts - 1).refusedSpan())
                .isLessThan(window);
    }

    @Test
    void aPoisonEventAnywhereInTheCausesIsPoisonEvenWhenItLooksLikeAnOutage() {
        Exception wrapped = new CompletionException(new IOException("read", new PoisonEvent("bad body")));
        assertThat(Failures.classify(wrapped, t -> t instanceof IOException)).isEqualTo(FailureKind.POISON);
    }

    @Test
    void anOutageIsWhatTheWorkerSaysAnOutageIsAndTheRestIsRefused() {
        java.util.function.Predicate<Throwable> outage = t -> t instanceof TimeoutException;
        assertThat(Failures.classify(new CompletionException(new TimeoutException()), outage))
                .isEqualTo(FailureKind.OUTAGE);
        assertThat(Failures.classify(new IllegalStateException("server said no"), outage))
                .isEqualTo(FailureKind.REFUSED);
    }

    @Test
    void badSchedulesAreRefused() {
        assertThatThrownBy(() -> new RetryPolicy(Duration.ZERO, Duration.ofSeconds(1), 1))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new RetryPolicy(Duration.ofSeconds(2), Duration.ofSeconds(1), 1))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new RetryPolicy(Duration.ofSeconds(1), Duration.ofSeconds(1), 0))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
