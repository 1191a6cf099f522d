package io.chorus.workers.rebuild;

import io.chorus.common.nats.worker.RetryPolicy;
import java.time.Duration;
import java.time.Instant;

/**
 * How an applier keeps trying a batch the store did not take: growing pauses by a {@link RetryPolicy}, and a rebuild
 * that failed for {@link #GIVE_UP_AFTER} on one batch stops with an error rather than hang while the store is down.
 */
final class ReplayAttempts {
    static final Duration GIVE_UP_AFTER = Duration.ofMinutes(2);
    private static final RetryPolicy POLICY = new RetryPolicy(Duration.ofMillis(200), Duration.ofSeconds(5), 1);

    private final Instant first = Instant.now();
    private long attempt;

    /** Pauses before the next attempt; throws once the batch has failed for too long. */
    void pauseAfter(String failure) throws InterruptedException {
        attempt++;
        if (Duration.between(first, Instant.now()).compareTo(GIVE_UP_AFTER) > 0) {
            throw new IllegalStateException("the store did not take a batch for " + GIVE_UP_AFTER.toSeconds() + " s ("
                    + attempt + " attempts): " + failure);
        }
        Thread.sleep(POLICY.delay(attempt).toMillis());
    }
}
