package io.chorus.fanout.core;

import java.util.function.Consumer;

/**
 * Acks of an ack-all consumer, one for many messages: a routed message is held as the latest unacked one, and it is
 * acked (acking every earlier one with it) once {@code every} messages wait or at the next {@link #flush()}, which a
 * timer calls a few times a second. Each ack of a replicated consumer is a proposal its NATS nodes replicate; one
 * per message was the fan-out's largest per-message cost to the cluster. What waits unacked when the process dies
 * comes again after its successor starts from the ack floor, and the instances drop it by sequence.
 *
 * @param <M> a message that can be acked
 */
public final class CoalescedAck<M> {
    private final int every;
    private final Consumer<M> ack;
    private M latest;
    private int waiting;

    /** @param every messages that may wait for one ack */
    public CoalescedAck(int every, Consumer<M> ack) {
        if (every < 1) {
            throw new IllegalArgumentException("every must be at least 1: " + every);
        }
        this.every = every;
        this.ack = ack;
    }

    /** A message routed, in stream order: it and every earlier one may be acked now. */
    public synchronized void routed(M message) {
        latest = message;
        waiting++;
        if (waiting >= every) {
            flush();
        }
    }

    /** Acks the latest routed message, if it has not been. */
    public synchronized void flush() {
        if (latest != null) {
            M message = latest;
            latest = null;
            waiting = 0;
            ack.accept(message);
        }
    }

    public synchronized int waiting() {
        return waiting;
    }
}
