package io.chorus.workers.webhook.core;

import java.time.Duration;
import java.util.function.DoubleSupplier;

/**
 * What follows an attempt: done, disable the endpoint, try again after a wait, or give up and dead-letter. A
 * {@code Retry-After} is honoured up to {@code maxRetryAfter} (a receiver cannot park a delivery for a year) and
 * counts as an attempt, so a receiver that throttles forever still ends in the dead-letter record.
 */
public record DeliveryPolicy(RetrySchedule schedule, Duration maxRetryAfter, DoubleSupplier random) {
    public sealed interface Next {}

    public record Done() implements Next {}

    public record Disable() implements Next {}

    public record RetryIn(Duration delay) implements Next {}

    public record GiveUp(String reason) implements Next {}

    /** After the {@code attempt}-th attempt (1 = the first) ended in {@code outcome}. */
    public Next after(int attempt, DeliveryOutcome outcome) {
        if (outcome instanceof DeliveryOutcome.Delivered) {
            return new Done();
        }
        if (outcome instanceof DeliveryOutcome.Gone) {
            return new Disable();
        }
        if (outcome instanceof DeliveryOutcome.Throttled t) {
            return attempt >= schedule.attempts()
                    ? new GiveUp("HTTP " + t.status() + " on all " + attempt + " attempts")
                    : new RetryIn(min(t.retryAfter(), maxRetryAfter));
        }
        String reason = ((DeliveryOutcome.Failed) outcome).reason();
        return schedule.after(attempt, random)
                .<Next>map(RetryIn::new)
                .orElseGet(() -> new GiveUp(reason + " on all " + attempt + " attempts"));
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }
}
