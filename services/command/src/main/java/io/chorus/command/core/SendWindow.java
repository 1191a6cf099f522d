package io.chorus.command.core;

import io.chorus.common.api.ApiException;
import io.chorus.common.events.EventEnvelope;
import io.chorus.common.nats.EventSink;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.locks.LockSupport;

/**
 * The sends' way to JetStream (decision 0039). Two rules:
 *
 * <ul>
 *   <li>At most {@code size} sends wait for their PubAck at once. A send past that is refused at once with 503 and
 *       Retry-After instead of queueing: under overload the service sheds load in microseconds rather than
 *       holding a thread and a socket per send until its client times out.</li>
 *   <li>One thread hands every send to the NATS client. Request threads only add to a lock-free queue; the
 *       client's outgoing queue is guarded by one lock, and hundreds of request threads pushing into it convoy
 *       on a loaded machine ("Output queue is busy" with the queue empty; docs/lab/throughput.md).</li>
 * </ul>
 */
public final class SendWindow implements AutoCloseable {
    private record Pending(
            String subject, EventEnvelope event, String idempotencyKey, CompletableFuture<EventSink.Ack> answer) {}

    private final EventSink sink;
    private final Semaphore free;
    private final int size;
    private final ConcurrentLinkedQueue<Pending> queue = new ConcurrentLinkedQueue<>();
    private final Thread publisher;
    private volatile boolean running = true;

    /** With its own publishing thread. */
    public SendWindow(EventSink sink, int size) {
        this(sink, size, true);
    }

    /** Without a thread of its own: each publish is handed over on the caller's thread (tests). */
    public static SendWindow inline(EventSink sink, int size) {
        return new SendWindow(sink, size, false);
    }

    private SendWindow(EventSink sink, int size, boolean ownThread) {
        if (size < 1) {
            throw new IllegalArgumentException("window size must be at least 1: " + size);
        }
        this.sink = sink;
        this.size = size;
        this.free = new Semaphore(size);
        this.publisher = ownThread ? new Thread(this::handOverUntilClosed, "send-publisher") : null;
        if (publisher != null) {
            publisher.setDaemon(true);
            publisher.start();
        }
    }

    public CompletionStage<EventSink.Ack> publish(String subject, EventEnvelope event, String idempotencyKey) {
        if (!free.tryAcquire()) {
            return CompletableFuture.failedFuture(new ApiException(
                    503,
                    "unavailable",
                    "too many messages are waiting for the event backbone; retry",
                    Duration.ofSeconds(1)));
        }
        Pending send = new Pending(subject, event, idempotencyKey, new CompletableFuture<>());
        CompletionStage<EventSink.Ack> answer = send.answer().whenComplete((ack, error) -> free.release());
        if (publisher == null) {
            handOver(send);
        } else {
            queue.add(send);
            LockSupport.unpark(publisher);
        }
        return answer;
    }

    private void handOverUntilClosed() {
        while (running) {
            Pending send = queue.poll();
            if (send == null) {
                LockSupport.park(this);
            } else {
                handOver(send);
            }
        }
    }

    private void handOver(Pending send) {
        try {
            sink.publishAsync(send.subject(), send.event(), send.idempotencyKey())
                    .whenComplete((ack, error) -> {
                        if (error != null) {
                            send.answer().completeExceptionally(error);
                        } else {
                            send.answer().complete(ack);
                        }
                    });
        } catch (RuntimeException e) {
            send.answer().completeExceptionally(e);
        }
    }

    /** Sends waiting for their PubAck now. */
    public int inFlight() {
        return size - free.availablePermits();
    }

    /** Stops the publishing thread; sends still queued are answered 503. */
    @Override
    public void close() {
        running = false;
        if (publisher != null) {
            LockSupport.unpark(publisher);
        }
        for (Pending send; (send = queue.poll()) != null; ) {
            send.answer()
                    .completeExceptionally(
                            new ApiException(503, "unavailable", "shutting down; retry", Duration.ofSeconds(1)));
        }
    }
}
