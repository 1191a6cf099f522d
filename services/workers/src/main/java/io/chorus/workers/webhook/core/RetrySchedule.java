package io.chorus.workers.webhook.core;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.DoubleSupplier;

/**
 * When a failed delivery is tried again: after the n-th failed attempt, the n-th delay of the schedule, spread by
 * up to {@code jitter} of itself either way so that endpoints failing together are not retried together; after the
 * last one, never (the delivery is dead-lettered). {@link #SPECIFICATION} is the Standard Webhooks example schedule.
 */
public record RetrySchedule(List<Duration> delays, double jitter) {
    /** Immediately, then 5 s, 5 min, 30 min, 2 h, 5 h, 10 h, 14 h, 20 h, 24 h. */
    public static final List<Duration> SPECIFICATION = List.of(
            Duration.ofSeconds(5),
            Duration.ofMinutes(5),
            Duration.ofMinutes(30),
            Duration.ofHours(2),
            Duration.ofHours(5),
            Duration.ofHours(10),
            Duration.ofHours(14),
            Duration.ofHours(20),
            Duration.ofHours(24));

    public RetrySchedule {
        delays = List.copyOf(delays);
        if (delays.stream().anyMatch(d -> d.isNegative())) {
            throw new IllegalArgumentException("a retry delay is not negative: " + delays);
        }
        if (!(jitter >= 0 && jitter < 1)) {
            throw new IllegalArgumentException("jitter is a fraction in [0, 1): " + jitter);
        }
    }

    /** How many attempts a delivery gets in all: the first and one per delay. */
    public int attempts() {
        return delays.size() + 1;
    }

    /**
     * The wait after the {@code failedAttempt}-th failed attempt (1 = the first), or empty when that was the last.
     *
     * @param random a uniform draw in [0, 1)
     */
    public Optional<Duration> after(int failedAttempt, DoubleSupplier random) {
        if (failedAttempt < 1 || failedAttempt > delays.size()) {
            return Optional.empty();
        }
        Duration base = delays.get(failedAttempt - 1);
        double spread = (random.getAsDouble() * 2 - 1) * jitter;
        return Optional.of(Duration.ofNanos(Math.round(base.toNanos() * (1 + spread))));
    }
}
