package io.chorus.harness.webhook;

import java.time.Duration;

/**
 * How a receiver of the fleet answers: as a healthy endpoint, or in one of the ways a real one fails. The nemesis
 * sets a mode for a fault's window and sets {@link Healthy} back when it heals.
 */
public sealed interface ReceiverMode {
    /** 204 at once. */
    record Healthy() implements ReceiverMode {}

    /** 204 after {@code delay}: a slow endpoint (past the dispatcher's timeout, a failed attempt). */
    record Slow(Duration delay) implements ReceiverMode {}

    /** {@code status} (5xx, or any other non-2xx) at once. */
    record Failing(int status) implements ReceiverMode {}

    /** 429 with {@code Retry-After} in whole seconds. */
    record Throttling(Duration retryAfter) implements ReceiverMode {}

    /** 410 Gone: the dispatcher pauses the registration. */
    record Gone() implements ReceiverMode {}

    /** Not listening: connections are refused. */
    record Down() implements ReceiverMode {}

    ReceiverMode HEALTHY = new Healthy();
}
