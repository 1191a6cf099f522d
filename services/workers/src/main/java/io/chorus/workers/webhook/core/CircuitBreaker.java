package io.chorus.workers.webhook.core;

import java.time.Duration;
import java.time.Instant;

/**
 * One endpoint's breaker. Closed, it lets attempts through and counts consecutive failures; the
 * {@code failureThreshold}-th opens it. Open, it refuses attempts for {@code openFor}; then it is half-open and
 * lets exactly one probe through: the probe's success closes it, its failure opens it again for another
 * {@code openFor}. A throttled answer (429/503 with {@code Retry-After}) is not a failure here: the receiver is up
 * and paces itself. Not thread-safe: one endpoint's queue owns it.
 */
public final class CircuitBreaker {
    public enum State {
        CLOSED,
        OPEN,
        HALF_OPEN
    }

    private final int failureThreshold;
    private final Duration openFor;
    private State state = State.CLOSED;
    private int consecutiveFailures;
    private Instant openUntil = Instant.MIN;
    private boolean probing;

    public CircuitBreaker(int failureThreshold, Duration openFor) {
        if (failureThreshold < 1 || openFor.isNegative()) {
            throw new IllegalArgumentException("need failureThreshold >= 1 and openFor >= 0");
        }
        this.failureThreshold = failureThreshold;
        this.openFor = openFor;
    }

    /** The state as of {@code now}: an open breaker whose time is up reads half-open. */
    public State state(Instant now) {
        if (state == State.OPEN && !now.isBefore(openUntil)) {
            state = State.HALF_OPEN;
            probing = false;
        }
        return state;
    }

    /** Whether an attempt may go now; in half-open, true once (the probe) until the probe's result is recorded. */
    public boolean tryAcquire(Instant now) {
        return switch (state(now)) {
            case CLOSED -> true;
            case OPEN -> false;
            case HALF_OPEN -> {
                if (probing) {
                    yield false;
                }
                probing = true;
                yield true;
            }
        };
    }

    /** When an open breaker lets its probe through (meaningful only when open). */
    public Instant openUntil() {
        return openUntil;
    }

    public void onSuccess() {
        state = State.CLOSED;
        consecutiveFailures = 0;
        probing = false;
    }

    public void onFailure(Instant now) {
        if (state(now) == State.HALF_OPEN || ++consecutiveFailures >= failureThreshold) {
            state = State.OPEN;
            openUntil = now.plus(openFor);
            probing = false;
            consecutiveFailures = 0;
        }
    }

    /** Consecutive failures counted while closed. */
    public int consecutiveFailures() {
        return consecutiveFailures;
    }
}
