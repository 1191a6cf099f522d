package io.chorus.common.nats.worker;

import java.time.Duration;

/**
 * The one retry rule of every pull worker (decision 0120): the n-th attempt after a failure waits {@code firstDelay}
 * doubled n-1 times, at most {@code maxDelay}; a {@link FailureKind#POISON poison} event is dead-lettered at once,
 * an {@link FailureKind#OUTAGE outage} is waited out without end, and a {@link FailureKind#REFUSED refusal} is
 * dead-lettered on its {@code refusedAttempts}-th attempt. An attempt is a delivery where a worker naks (JetStream
 * counts them) or one try where it holds the event and retries in place.
 */
public record RetryPolicy(Duration firstDelay, Duration maxDelay, int refusedAttempts) {
    public RetryPolicy {
        if (firstDelay.isNegative() || firstDelay.isZero() || maxDelay.compareTo(firstDelay) < 0) {
            throw new IllegalArgumentException("need 0 < firstDelay <= maxDelay, got " + firstDelay + ", " + maxDelay);
        }
        if (refusedAttempts < 1) {
            throw new IllegalArgumentException("refusedAttempts must be at least 1, got " + refusedAttempts);
        }
    }

    /** What to do with an event after its {@code attempt}-th failed attempt (1 = the first). */
    public sealed interface Verdict {}

    /** Try again after {@code delay}. */
    public record Retry(Duration delay) implements Verdict {}

    /** Give up: move it to the dead-letter stream. */
    public record DeadLetter() implements Verdict {}

    public Verdict judge(FailureKind kind, long attempt) {
        return switch (kind) {
            case POISON -> new DeadLetter();
            case OUTAGE -> new Retry(delay(attempt));
            case REFUSED -> attempt >= refusedAttempts ? new DeadLetter() : new Retry(delay(attempt));
        };
    }

    /** The wait after the {@code attempt}-th failed attempt (1 = the first): doubling from the first, capped. */
    public Duration delay(long attempt) {
        long doublings = Math.max(0, Math.min(attempt - 1, 40));
        long max = maxDelay.toNanos();
        long first = firstDelay.toNanos();
        return Duration.ofNanos(first > (max >> doublings) ? max : first << doublings);
    }

    /** How long a refused event is retried before it is dead-lettered: the waits after its first attempts. */
    public Duration refusedSpan() {
        Duration total = Duration.ZERO;
        for (long attempt = 1; attempt < refusedAttempts; attempt++) {
            total = total.plus(delay(attempt));
        }
        return total;
    }

    /** The fewest attempts whose waits span at least {@code window} with these delays. */
    public static int attemptsSpanning(Duration firstDelay, Duration maxDelay, Duration window) {
        RetryPolicy probe = new RetryPolicy(firstDelay, maxDelay, 1);
        Duration total = Duration.ZERO;
        int attempts = 1;
        while (total.compareTo(window) < 0) {
            total = total.plus(probe.delay(attempts));
            attempts++;
        }
        return attempts;
    }
}
