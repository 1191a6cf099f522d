package io.chorus.command.nats;

import com.codahale.metrics.Timer;
import io.chorus.common.events.EventEnvelope;
import io.chorus.common.nats.EventSink;
import java.util.concurrent.CompletionStage;

/**
 * The sink of sends, timing each publish from its hand-over to its PubAck: the operators' PubAck time. A publish
 * that gets no PubAck is not timed (it is a refused send, counted by the send endpoint).
 */
public final class TimedEventSink implements EventSink {
    private final EventSink sink;
    private final Timer pubAck;

    public TimedEventSink(EventSink sink, Timer pubAck) {
        this.sink = sink;
        this.pubAck = pubAck;
    }

    @Override
    public Ack publish(String subject, EventEnvelope event, String idempotencyKey) {
        try (Timer.Context timing = pubAck.time()) {
            return sink.publish(subject, event, idempotencyKey);
        }
    }

    @Override
    public CompletionStage<Ack> publishAsync(String subject, EventEnvelope event, String idempotencyKey) {
        Timer.Context timing = pubAck.time();
        return sink.publishAsync(subject, event, idempotencyKey).whenComplete((ack, error) -> {
            if (error == null) {
                timing.stop();
            }
        });
    }

    @Override
    public Ack publishIfSubjectEmpty(String subject, EventEnvelope event, String idempotencyKey) {
        return sink.publishIfSubjectEmpty(subject, event, idempotencyKey);
    }

    @Override
    public Ack retryOf(String subject, EventEnvelope event, String idempotencyKey) {
        return sink.retryOf(subject, event, idempotencyKey);
    }

    @Override
    public EventEnvelope read(String stream, long seq) {
        return sink.read(stream, seq);
    }
}
