package io.chorus.fakes.push;

import java.time.Duration;

/**
 * What a fake provider does to each notification while a fault is in force, as the real provider does in the same
 * trouble: {@code DOWN} refuses connections (the listening socket is closed), {@code UNAVAILABLE} answers 503 and
 * {@code THROTTLED} 429 (FCM with a {@code Retry-After}; APNs sends none), {@code SLOW} answers after a delay.
 */
public record ProviderFault(Kind kind, Duration delay, Duration retryAfter) {
    public enum Kind {
        NONE,
        DOWN,
        UNAVAILABLE,
        THROTTLED,
        SLOW
    }

    public static final ProviderFault NONE = new ProviderFault(Kind.NONE, Duration.ZERO, Duration.ZERO);

    public static ProviderFault down() {
        return new ProviderFault(Kind.DOWN, Duration.ZERO, Duration.ZERO);
    }

    public static ProviderFault unavailable(Duration retryAfter) {
        return new ProviderFault(Kind.UNAVAILABLE, Duration.ZERO, retryAfter);
    }

    public static ProviderFault throttled(Duration retryAfter) {
        return new ProviderFault(Kind.THROTTLED, Duration.ZERO, retryAfter);
    }

    public static ProviderFault slow(Duration delay) {
        return new ProviderFault(Kind.SLOW, delay, Duration.ZERO);
    }
}
