package io.chorus.workers.push.core;

import java.time.Duration;
import java.util.function.DoubleSupplier;

/**
 * Delays between attempts at one notification (decision 0201): exponential with full jitter (each delay uniform in
 * {@code [0, min(max, first * 2^attempt)]}), so the sends a provider outage held back do not return in step; a
 * provider's {@code Retry-After} is a floor the delay never goes under (capped at {@code maxRetryAfter}, so a
 * broken header cannot park a notification for a day).
 */
public record Backoff(Duration first, Duration max, Duration maxRetryAfter) {
    public Backoff {
        if (first.isNegative() || first.isZero() || max.compareTo(first) < 0 || maxRetryAfter.isNegative()) {
            throw new IllegalArgumentException("0 < first <= max, maxRetryAfter >= 0");
        }
    }

    /** The ceiling of the delay after failed attempt {@code attempt} (0 is the first attempt). */
    public Duration ceiling(int attempt) {
        long cap = max.toMillis();
        long ceiling = first.toMillis();
        // doubling stops at the cap, so no attempt count overflows
        for (int i = 0; i < attempt && ceiling < cap; i++) {
            ceiling = ceiling > cap / 2 ? cap : ceiling * 2;
        }
        return Duration.ofMillis(Math.min(ceiling, cap));
    }

    /**
     * The delay after failed attempt {@code attempt}.
     *
     * @param retryAfter the provider's {@code Retry-After}, or null
     * @param random     uniform in {@code [0, 1)}
     */
    public Duration delay(int attempt, Duration retryAfter, DoubleSupplier random) {
        long jittered = (long) (ceiling(attempt).toMillis() * random.getAsDouble());
        if (retryAfter == null || retryAfter.isNegative()) {
            return Duration.ofMillis(jittered);
        }
        long floor = Math.min(retryAfter.toMillis(), maxRetryAfter.toMillis());
        return Duration.ofMillis(Math.max(jittered, floor));
    }
}
