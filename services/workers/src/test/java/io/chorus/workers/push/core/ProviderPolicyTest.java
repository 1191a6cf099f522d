package io.chorus.workers.push.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.doubles;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The provider policy's properties: backoff bounds, the answers' decisions, the breaker's state machine. */
class ProviderPolicyTest {
    private static final Backoff BACKOFF =
            new Backoff(Duration.ofMillis(100), Duration.ofSeconds(30), Duration.ofMinutes(5));
    private static final DeliveryPolicy POLICY = new DeliveryPolicy(BACKOFF, 8);

    @Test
    void theBackoffIsJitteredUnderADoublingCappedCeilingAndNeverUnderRetryAfter() {
        qt().withExamples(5_000)
                .forAll(
                        integers().between(0, 10_000),
                        doubles().between(0, 0.999999),
                        integers().between(-1, 1_000_000))
                .checkAssert((attempt, random, retryAfterMillis) -> {
                    Duration ceiling = BACKOFF.ceiling(attempt);
                    assertThat(ceiling).isBetween(BACKOFF.first(), BACKOFF.max());
                    assertThat(BACKOFF.ceiling(attempt + 1)).isGreaterThanOrEqualTo(ceiling);
                    if (attempt < 8) {
                        assertThat(ceiling.toMillis()).isEqualTo(Math.min(100L << attempt, 30_000));
                    }
                    Duration delay = BACKOFF.delay(attempt, null, () -> random);
                    assertThat(delay).isBetween(Duration.ZERO, ceiling);

                    Duration retryAfter = retryAfterMillis < 0 ? null : Duration.ofMillis(retryAfterMillis);
                    Duration honoured = BACKOFF.delay(attempt, retryAfter, () -> random);
                    if (retryAfter != null) {
                        Duration floor = retryAfter.compareTo(BACKOFF.maxRetryAfter()) < 0
                                ? retryAfter
                                : BACKOFF.maxRetryAfter();
                        assertThat(honoured).isGreaterThanOrEqualTo(floor).isGreaterThanOrEqualTo(delay);
                        assertThat(honoured).isLessThanOrEqualTo(floor.compareTo(ceiling) > 0 ? floor : ceiling);
                    }
                });
    }

    @Test
    void everyAnswerHasOneDecisionAndAnUnwellProviderIsRetriedUntilTheLastAttempt() {
        qt().withExamples(5_000)
                .forAll(
                        integers().between(0, 599),
                        integers().between(0, 10),
                        integers().between(0, 4),
                        integers().between(-1, 120))
                .checkAssert((status, attempt, reasonPick, retryAfterSeconds) -> {
                    String reason = new String[] {null, "Unregistered", "BadDeviceToken", "UNREGISTERED", "TooMany"}
                            [reasonPick];
                    Duration retryAfter = retryAfterSeconds < 0 ? null : Duration.ofSeconds(retryAfterSeconds);
                    ProviderResult result = new ProviderResult(status, reason, retryAfter);
                    DeliveryPolicy.Decision decision = POLICY.decide(result, attempt, () -> 0.5);
                    if (status >= 200 && status < 300) {
                        assertThat(decision).isInstanceOf(DeliveryPolicy.Delivered.class);
                    } else if (status == 410 || status == 404) {
                        assertThat(decision).isInstanceOf(DeliveryPolicy.RemoveDevice.class);
                    } else if (status == 0 || status == 429 || status >= 500) {
                        if (attempt + 1 >= 8) {
                            assertThat(decision).isInstanceOf(DeliveryPolicy.DeadLetter.class);
                        } else {
                            assertThat(decision).isInstanceOfSatisfying(DeliveryPolicy.Retry.class, r -> {
                                if (retryAfter != null) {
                                    assertThat(r.after()).isGreaterThanOrEqualTo(retryAfter);
                                }
                            });
                        }
                    } else if (status >= 400 && status < 500 && reasonPick >= 1 && reasonPick <= 3) {
                        assertThat(decision).isInstanceOf(DeliveryPolicy.RemoveDevice.class);
                    } else {
                        assertThat(decision).isInstanceOf(DeliveryPolicy.DeadLetter.class);
                    }
                });
    }

    /**
     * The breaker against a model: a run of events (0 success, 1 failure, 2 ask to send, 3 let time pass) keeps the
     * breaker's answers equal to the model's, and an open breaker never lets a send through.
     */
    @Test
    void theBreakerFollowsItsStateMachine() {
        int threshold = 3;
        Duration openFor = Duration.ofSeconds(10);
        qt().withExamples(2_000)
                .forAll(lists().of(integers().between(0, 3)).ofSizeBetween(0, 60))
                .checkAssert(events -> {
                    CircuitBreaker breaker = new CircuitBreaker(threshold, openFor);
                    Model model = new Model(threshold, openFor);
                    Instant now = Instant.EPOCH;
                    for (int event : events) {
                        switch (event) {
                            case 0 -> {
                                breaker.succeeded();
                                model.succeeded();
                            }
                            case 1 -> {
                                breaker.failed(now);
                                model.failed(now);
                            }
                            case 2 -> {
                                boolean allowed = breaker.tryAcquire(now);
                                assertThat(allowed).isEqualTo(model.tryAcquire(now));
                            }
                            default -> now = now.plusSeconds(4);
                        }
                        assertThat(breaker.state()).isEqualTo(model.state);
                        if (breaker.state() == CircuitBreaker.State.OPEN) {
                            assertThat(breaker.nextTry(now)).isEqualTo(model.openedAt.plus(openFor));
                        }
                    }
                });
    }

    @Test
    void thresholdFailuresOpenTheBreakerAndOneTrialAfterTheWaitClosesIt() {
        CircuitBreaker breaker = new CircuitBreaker(2, Duration.ofSeconds(5));
        Instant t = Instant.EPOCH;
        breaker.failed(t);
        assertThat(breaker.tryAcquire(t)).isTrue();
        breaker.failed(t);
        assertThat(breaker.tryAcquire(t.plusSeconds(4))).isFalse();
        assertThat(breaker.tryAcquire(t.plusSeconds(5))).isTrue();
        assertThat(breaker.tryAcquire(t.plusSeconds(5)))
                .as("one trial at a time")
                .isFalse();
        breaker.succeeded();
        assertThat(breaker.state()).isEqualTo(CircuitBreaker.State.CLOSED);
        assertThat(List.of(breaker.tryAcquire(t), breaker.tryAcquire(t))).containsOnly(true);
    }

    /** The breaker's specification, written plainly. */
    private static final class Model {
        final int threshold;
        final Duration openFor;
        CircuitBreaker.State state = CircuitBreaker.State.CLOSED;
        int failures;
        Instant openedAt;
        boolean trialOut;

        Model(int threshold, Duration openFor) {
            this.threshold = threshold;
            this.openFor = openFor;
        }

        boolean tryAcquire(Instant now) {
            if (state == CircuitBreaker.State.OPEN
                    && Duration.between(openedAt, now).compareTo(openFor) >= 0) {
                state = CircuitBreaker.State.HALF_OPEN;
                trialOut = false;
            }
            if (state == CircuitBreaker.State.CLOSED) {
                return true;
            }
            if (state == CircuitBreaker.State.HALF_OPEN && !trialOut) {
                trialOut = true;
                return true;
            }
            return false;
        }

        void succeeded() {
            state = CircuitBreaker.State.CLOSED;
            failures = 0;
        }

        void failed(Instant now) {
            failures++;
            if (state == CircuitBreaker.State.HALF_OPEN || failures >= threshold) {
                state = CircuitBreaker.State.OPEN;
                openedAt = now;
            }
        }
    }
}
