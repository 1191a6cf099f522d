package io.chorus.common.nats.worker;

/** What a failure to process an event says about retrying it (decision 0120). */
public enum FailureKind {
    /** The event itself can never be processed (a {@link io.chorus.common.events.PoisonEvent}): dead-lettered at once. */
    POISON,
    /** The engine could not be reached or did not answer in time: retried however long it takes, never dead-lettered. */
    OUTAGE,
    /**
     * The engine answered with an error the worker cannot place: retried for the policy's budget (longer than an
     * engine restart, whose errors look like this), then dead-lettered.
     */
    REFUSED
}
