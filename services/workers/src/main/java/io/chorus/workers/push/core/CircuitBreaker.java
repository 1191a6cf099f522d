package io.chorus.workers.push.core;

import java.time.Duration;
import java.time.Instant;

/**
 * One provider's circuit breaker (decision 0201). Closed, it lets every send through; {@code threshold} failures in
 * a row open it, and for {@code openFor} no send is tried (each waits, nothing is dropped); then it is half open and
 * lets one trial send through: its success closes the breaker, its failure opens it again. Time is passed in, so
 * the state machine is tested without a clock.
 */
public final class CircuitBreaker {
    public enum State {
        CLOSED,
        OPEN,
        HALF_OPEN
    }

    private final int threshold;
    private final Duration openFor;
    private State state = State.CLOSED;
    private int failures;
    private Instant openedAt = Instant.MIN;
    private boolean trialOut;

    public CircuitBreaker(int threshold, Duration openFor) {
        if (threshold < 1 || openFor.isNegative()) {
            throw new IllegalArgumentException("threshold >= 1, openFor >= 0");
        }
        this.threshold = threshold;
        this.openFor = openFor;
    }

    /** Whether a send may be tried now; in half-open state only one at a time, the trial. */
    public synchronized boolean tryAcquire(Instant now) {
        if (state == State.OPEN && !now.isBefore(openedAt.plus(openFor))) {
            state = State.HALF_OPEN;
            trialOut = false;
        }
        return switch (state) {
            case CLOSED -> true;
            case OPEN -> false;
            case HALF_OPEN -> {
                if (trialOut) {
                    yield false;
                }
                trialOut = true;
                yield true;
            }
        };
    }

    /** The provider answered (a delivery, or a refusal of this one notification: the provider itself is up). */
    public synchronized void succeeded() {
        state = State.CLOSED;
        failures = 0;
        trialOut = false;
    }

    /** The provider failed (no answer, 5xx, 429). */
    public synchronized void failed(Instant now) {
        failures++;
        if (state == State.HALF_OPEN || failures >= threshold) {
            state = State.OPEN;
            openedAt = now;
            trialOut = false;
        }
    }

    /** When a waiting send may ask again: the end of the open period, or now. */
    public synchronized Instant nextTry(Instant now) {
        return state == State.OPEN ? openedAt.plus(openFor) : now;
    }

    public synchronized State state() {
        return state;
    }
}
