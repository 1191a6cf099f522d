package io.chorus.common.nats;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.chorus.common.api.ApiException;
import io.chorus.common.events.EventEnvelope;
import io.nats.client.JetStream;
import io.nats.client.JetStreamApiException;
import io.nats.client.PublishOptions;
import io.nats.client.api.PublishAck;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Publishes one event to JetStream and waits for its PubAck. Anything short of an acknowledgement within the
 * timeout becomes a 503 with Retry-After: a caller is told "accepted" only once the event is durable.
 */
public final class EventPublisher implements EventSink {
    private static final Logger LOG = LoggerFactory.getLogger(EventPublisher.class);
    /** JetStream's "wrong last sequence" error: the optimistic-concurrency expectation failed. */
    public static final int WRONG_LAST_SEQUENCE = 10071;

    private final ManagedNatsConnection nats;
    private final ObjectMapper json;
    private final Duration ackTimeout;

    public EventPublisher(ManagedNatsConnection nats, ObjectMapper json, Duration ackTimeout) {
        this.nats = nats;
        this.json = json;
        this.ackTimeout = ackTimeout;
    }

    @Override
    public Ack publish(String subject, EventEnvelope event, String idempotencyKey) {
        return publish(subject, event, PublishOptions.builder().messageId(idempotencyKey));
    }

    /**
     * Hands the event to the connection and returns at once; the stage completes on the PubAck, or fails with a 503
     * when none comes within the ack timeout (or the connection refuses the message). Nothing here waits, so a
     * request thread is not held for a round trip to the cluster.
     */
    @Override
    public CompletableFuture<Ack> publishAsync(String subject, EventEnvelope event, String idempotencyKey) {
        try {
            byte[] body = encode(event);
            return js().publishAsync(
                            subject,
                            body,
                            PublishOptions.builder()
                                    .messageId(idempotencyKey)
                                    .streamTimeout(ackTimeout)
                                    .build())
                    .orTimeout(ackTimeout.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS)
                    .handle((ack, error) -> {
                        if (error != null) {
                            throw unavailable(subject, unwrap(error));
                        }
                        return new Ack(ack.getStream(), ack.getSeqno(), ack.isDuplicate());
                    });
        } catch (ApiException e) {
            return CompletableFuture.failedFuture(e);
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(unavailable(subject, e));
        }
    }

    private static Throwable unwrap(Throwable error) {
        return error instanceof java.util.concurrent.CompletionException && error.getCause() != null
                ? error.getCause()
                : error;
    }

    /**
     * Publishes only if the subject has no message yet (a channel id not taken): a 409 otherwise, unless the same
     * idempotency key was published before, which JetStream answers as a duplicate.
     */
    @Override
    public Ack publishIfSubjectEmpty(String subject, EventEnvelope event, String idempotencyKey) {
        try {
            return publish(
                    subject,
                    event,
                    PublishOptions.builder().messageId(idempotencyKey).expectedLastSubjectSequence(0));
        } catch (WrongLastSequence e) {
            throw new ApiException(409, "conflict", "already exists: " + event.channelId());
        }
    }

    /**
     * Never stores the event: its expected last subject sequence can match no subject. JetStream checks the
     * {@code Nats-Msg-Id} first, so a key published within the duplicate window is answered as that duplicate; any
     * other publish fails the expectation, which is the 409.
     */
    @Override
    public Ack retryOf(String subject, EventEnvelope event, String idempotencyKey) {
        try {
            return publish(
                    subject,
                    event,
                    PublishOptions.builder().messageId(idempotencyKey).expectedLastSubjectSequence(Long.MAX_VALUE));
        } catch (WrongLastSequence e) {
            throw new ApiException(409, "conflict", "already exists: " + event.channelId());
        }
    }

    private Ack publish(String subject, EventEnvelope event, PublishOptions.Builder options) {
        byte[] body = encode(event);
        JetStream js = js();
        try {
            CompletableFuture<PublishAck> future = js.publishAsync(
                    subject, body, options.streamTimeout(ackTimeout).build());
            PublishAck ack = future.get(ackTimeout.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
            return new Ack(ack.getStream(), ack.getSeqno(), ack.isDuplicate());
        } catch (java.util.concurrent.ExecutionException e) {
            if (isWrongLastSequence(e)) {
                throw new WrongLastSequence();
            }
            throw unavailable(subject, e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw unavailable(subject, e);
        } catch (java.util.concurrent.TimeoutException | RuntimeException e) {
            throw unavailable(subject, e);
        }
    }

    /** jnats wraps the API error of an async publish in a RuntimeException: look along the causes. */
    private static boolean isWrongLastSequence(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof JetStreamApiException api && api.getApiErrorCode() == WRONG_LAST_SEQUENCE) {
                return true;
            }
        }
        return false;
    }

    /** The body of the event a stream holds at a sequence: to answer a duplicate with the original's ids. */
    @Override
    public EventEnvelope read(String stream, long seq) {
        try {
            io.nats.client.api.MessageInfo message =
                    nats.connection().jetStreamManagement().getMessage(stream, seq);
            return json.readValue(message.getData(), EventEnvelope.class);
        } catch (IOException | JetStreamApiException | RuntimeException e) {
            throw unavailable(stream + "#" + seq, e);
        }
    }

    private JetStream js() {
        try {
            return nats.connection().jetStream();
        } catch (IOException | RuntimeException e) {
            throw unavailable("jetstream", e);
        }
    }

    private byte[] encode(EventEnvelope event) {
        try {
            return json.writeValueAsBytes(event);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    private ApiException unavailable(String what, Throwable cause) {
        LOG.warn("no JetStream acknowledgement for {}: {}", what, cause == null ? "?" : cause.toString());
        return new ApiException(
                503, "unavailable", "the event backbone did not acknowledge in time; retry", Duration.ofSeconds(1));
    }

    /** Raised when {@code expectedLastSubjectSequence} did not hold. */
    public static final class WrongLastSequence extends RuntimeException {
        WrongLastSequence() {
            super("wrong last sequence", null, false, false);
        }
    }
}
