package io.chorus.common.nats;

import io.chorus.common.events.EventEnvelope;

/** Where commands publish their events: JetStream ({@link EventPublisher}), or an in-memory sink in tests. */
public interface EventSink {
    /** The acknowledgement of one publish: the stream sequence, and whether it duplicated an earlier one. */
    record Ack(String stream, long seq, boolean duplicate) {}

    /** Publishes with {@code Nats-Msg-Id} = the idempotency key; returns after the PubAck (or throws a 503). */
    Ack publish(String subject, EventEnvelope event, String idempotencyKey);

    /**
     * As {@link #publish}, without holding the caller's thread until the PubAck: the stage completes with the ack,
     * or fails with the 503 {@code publish} would have thrown. This default waits; JetStream's does not.
     */
    default java.util.concurrent.CompletionStage<Ack> publishAsync(
            String subject, EventEnvelope event, String idempotencyKey) {
        try {
            return java.util.concurrent.CompletableFuture.completedFuture(publish(subject, event, idempotencyKey));
        } catch (RuntimeException e) {
            return java.util.concurrent.CompletableFuture.failedFuture(e);
        }
    }

    /** Publishes only if the subject has no event yet; a 409 otherwise (unless it is an idempotent retry). */
    Ack publishIfSubjectEmpty(String subject, EventEnvelope event, String idempotencyKey);

    /**
     * The PubAck of an earlier publish with this idempotency key, when it is within the duplicate window (a client's
     * retry); a 409 otherwise. Stores nothing: for a create whose target the metadata store already holds.
     */
    default Ack retryOf(String subject, EventEnvelope event, String idempotencyKey) {
        throw new io.chorus.common.api.ApiException(409, "conflict", "already exists: " + event.channelId());
    }

    /** The event stored at a sequence: to answer a duplicate with the original's ids. */
    EventEnvelope read(String stream, long seq);
}
