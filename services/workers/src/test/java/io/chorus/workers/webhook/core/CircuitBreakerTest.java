package io.chorus.workers.webhook.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.booleans;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class CircuitBreakerTest {
    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

    @Test
    void opensOnTheThresholdthConsecutiveFailureProbesOnceThenClosesOnSuccess() {
        CircuitBreaker breaker = new CircuitBreaker(3, Duration.ofSeconds(10));
        breaker.onFailure(T0);
        breaker.onFailure(T0);
        breaker.onSuccess();
        breaker.onFailure(T0);
        breaker.onFailure(T0);
        assertThat(breaker.state(T0)).isEqualTo(CircuitBreaker.State.CLOSED);
        breaker.onFailure(T0);
        assertThat(breaker.state(T0)).isEqualTo(CircuitBreaker.State.OPEN);
        assertThat(breaker.tryAcquire(T0.plusSeconds(9))).isFalse();
        assertThat(breaker.tryAcquire(T0.plusSeconds(10))).isTrue();
        assertThat(breaker.tryAcquire(T0.plusSeconds(10))).isFalse();
        breaker.onSuccess();
        assertThat(breaker.state(T0.plusSeconds(10))).isEqualTo(CircuitBreaker.State.CLOSED);
        assertThat(breaker.tryAcquire(T0.plusSeconds(10))).isTrue();
    }

    @Test
    void aFailedProbeOpensItAgain() {
        CircuitBreaker breaker = new CircuitBreaker(1, Duration.ofSeconds(10));
        breaker.onFailure(T0);
        assertThat(breaker.tryAcquire(T0.plusSeconds(10))).isTrue();
        breaker.onFailure(T0.plusSeconds(11));
        assertThat(breaker.state(T0.plusSeconds(20))).isEqualTo(CircuitBreaker.State.OPEN);
        assertThat(breaker.state(T0.plusSeconds(21))).isEqualTo(CircuitBreaker.State.HALF_OPEN);
    }

    /**
     * An endpoint attempting whenever the breaker lets it, with arbitrary results and time steps: never more than
     * the threshold of failed attempts in a row before it opens, none while open, one probe per half-open period,
     * and closed after every success.
     */
    @Test
    void theBreakersStatesHoldForAnySequenceOfResults() {
        qt().withExamples(500)
                .forAll(
                        integers().between(1, 6),
                        integers().between(0, 20),
                        lists().of(booleans().all()).ofSizeBetween(0, 200),
                        lists().of(integers().between(0, 8)).ofSize(200))
                .checkAssert((threshold, openSeconds, results, steps) -> {
                    CircuitBreaker breaker = new CircuitBreaker(threshold, Duration.ofSeconds(openSeconds));
                    Instant now = T0;
                    int failuresInARow = 0;
                    for (int i = 0; i < results.size(); i++) {
                        now = now.plusSeconds(steps.get(i));
                        CircuitBreaker.State before = breaker.state(now);
                        if (!breaker.tryAcquire(now)) {
                            assertThat(before).isNotEqualTo(CircuitBreaker.State.CLOSED);
                            continue;
                        }
                        assertThat(before).isNotEqualTo(CircuitBreaker.State.OPEN);
                        if (before == CircuitBreaker.State.HALF_OPEN) {
                            // the probe is the only attempt until its result is known
                            assertThat(breaker.tryAcquire(now)).isFalse();
                        }
                        if (results.get(i)) {
                            breaker.onSuccess();
                            failuresInARow = 0;
                            assertThat(breaker.state(now)).isEqualTo(CircuitBreaker.State.CLOSED);
                        } else {
                            breaker.onFailure(now);
                            failuresInARow++;
                            boolean shouldOpen =
                                    before == CircuitBreaker.State.HALF_OPEN || failuresInARow >= threshold;
                            if (shouldOpen) {
                                failuresInARow = 0;
                                assertThat(breaker.openUntil()).isEqualTo(now.plusSeconds(openSeconds));
                                if (openSeconds > 0) {
                                    assertThat(breaker.state(now)).isEqualTo(CircuitBreaker.State.OPEN);
                                }
                            } else {
                                assertThat(breaker.state(now)).isEqualTo(CircuitBreaker.State.CLOSED);
                            }
                            assertThat(failuresInARow).isLessThan(threshold);
                        }
                    }
                });
    }
}
