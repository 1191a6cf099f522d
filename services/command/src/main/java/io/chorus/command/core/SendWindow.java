package io.chorus.command.core;

import io.chorus.common.api.ApiException;
import io.chorus.common.events.EventEnvelope;
import io.chorus.common.nats.EventSink;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Semaphore;

/**
 * At most {@code size} sends waiting for their PubAck at once (decision 0039). A send past that is refused at
 * once with 503 and Retry-After instead of queueing: under overload the service sheds load in microseconds rather
 * than holding a thread and a socket per send until its client times out, which is what made the command service
 * grow to a thousand threads and collapse (docs/performance.md, "Throughput").
 */
public final class SendWindow {
    private final EventSink sink;
    private final Semaphore free;
    private final int size;

    public SendWindow(EventSink sink, int size) {
        if (size < 1) {
            throw new IllegalArgumentException("window size must be at least 1: " + size);
        }
        this.sink = sink;
        this.size = size;
        this.free = new Semaphore(size);
    }

    public CompletionStage<EventSink.Ack> publish(String subject, EventEnvelope event, String idempotencyKey) {
        if (!free.tryAcquire()) {
            return CompletableFuture.failedFuture(new ApiException(503, "unavailable",
                    "too many messages are waiting for the event backbone; retry", Duration.ofSeconds(1)));
        }
        CompletionStage<EventSink.Ack> ack;
        try {
            ack = sink.publishAsync(subject, event, idempotencyKey);
        } catch (RuntimeException e) {
            free.release();
            return CompletableFuture.failedFuture(e);
        }
        return ack.whenComplete((a, error) -> free.release());
    }

    /** Sends waiting for their PubAck now. */
    public int inFlight() {
        return size - free.availablePermits();
    }
}
