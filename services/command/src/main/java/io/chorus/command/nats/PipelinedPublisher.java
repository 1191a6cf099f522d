package io.chorus.command.nats;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.chorus.common.api.ApiException;
import io.chorus.common.events.EventEnvelope;
import io.nats.client.JetStream;
import io.nats.client.PublishOptions;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Publishes many events with up to {@code window} PubAcks outstanding: the bulk import's path. {@link #finish}
 * waits for every acknowledgement and fails (503) if any publish was not acknowledged.
 */
public final class PipelinedPublisher {
    private final JetStream js;
    private final ObjectMapper json;
    private final Semaphore inFlight;
    private final int window;
    private final Duration ackTimeout;
    private final AtomicLong published = new AtomicLong();
    private final AtomicReference<Throwable> failure = new AtomicReference<>();

    public PipelinedPublisher(JetStream js, ObjectMapper json, int window, Duration ackTimeout) {
        this.js = js;
        this.json = json;
        this.window = window;
        this.inFlight = new Semaphore(window);
        this.ackTimeout = ackTimeout;
    }

    public void publish(String subject, EventEnvelope event, String idempotencyKey) {
        byte[] body;
        try {
            body = json.writeValueAsBytes(event);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
        acquire(1);
        failIfFailed();
        try {
            js.publishAsync(
                            subject,
                            body,
                            PublishOptions.builder().messageId(idempotencyKey).build())
                    .whenComplete((ack, error) -> {
                        if (error != null) {
                            failure.compareAndSet(null, error);
                        }
                        inFlight.release();
                    });
            published.incrementAndGet();
        } catch (RuntimeException e) {
            inFlight.release();
            failure.compareAndSet(null, e);
            failIfFailed();
        }
    }

    /** Waits for every outstanding acknowledgement; returns how many events were published. */
    public long finish() {
        acquire(window);
        inFlight.release(window);
        failIfFailed();
        return published.get();
    }

    private void acquire(int permits) {
        try {
            if (!inFlight.tryAcquire(permits, ackTimeout.toMillis(), TimeUnit.MILLISECONDS)) {
                throw unavailable();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw unavailable();
        }
    }

    private void failIfFailed() {
        if (failure.get() != null) {
            throw unavailable();
        }
    }

    private static ApiException unavailable() {
        return new ApiException(
                503,
                "unavailable",
                "the event backbone did not acknowledge the import; "
                        + "retry it (events already published are recognised as duplicates)",
                Duration.ofSeconds(5));
    }
}
