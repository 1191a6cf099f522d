package io.chorus.common.nats;

import io.chorus.common.events.EventEnvelope;

/** Where commands publish their events: JetStream ({@link EventPublisher}), or an in-memory sink in tests. */
public interface EventSink {
    /** The acknowledgement of one publish: the stream sequence, and whether it duplicated an earlier one. */
    record Ack(String stream, long seq, boolean duplicate) {
    }

    /** Publishes with {@code Nats-Msg-Id} = the idempotency key; returns after the PubAck (or throws a 503). */
    Ack publish(String subject, EventEnvelope event, String idempotencyKey);

    /** Publishes only if the subject has no event yet; a 409 otherwise (unless it is an idempotent retry). */
    Ack publishIfSubjectEmpty(String subject, EventEnvelope event, String idempotencyKey);

    /** The event stored at a sequence: to answer a duplicate with the original's ids. */
    EventEnvelope read(String stream, long seq);
}
