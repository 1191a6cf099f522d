package io.chorus.common.nats.worker;

import com.codahale.metrics.Counter;
import com.codahale.metrics.MetricRegistry;
import io.chorus.common.metrics.OperatorMetrics;
import io.chorus.common.nats.DeadLetters;
import io.nats.client.Connection;
import io.nats.client.Message;
import java.time.Duration;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How a pull worker is done with a message, by the {@link RetryPolicy}: acked, handed back to JetStream for a later
 * delivery (nak with the policy's delay for its delivery count), or moved to the dead-letter stream. Counts the
 * dead letters and the retries of its consumer in the metrics registry as
 * {@code pull.<stream>.<consumer>.dead-lettered} and {@code .retried}.
 */
public final class Settlement {
    private static final Logger LOG = LoggerFactory.getLogger(Settlement.class);
    /** When the dead-letter stream cannot take a message, it is redelivered and dead-lettered again this much later. */
    private static final Duration DEAD_LETTER_AGAIN = Duration.ofSeconds(1);

    private final String stream;
    private final String consumer;
    private final Supplier<Connection> nats;
    private final RetryPolicy policy;
    private final Counter deadLettered;
    private final Counter retried;

    /** @param nats the worker's connection, asked for only when a message is dead-lettered (after start) */
    public Settlement(
            String stream, String consumer, Supplier<Connection> nats, RetryPolicy policy, MetricRegistry metrics) {
        this.stream = stream;
        this.consumer = consumer;
        this.nats = nats;
        this.policy = policy;
        this.deadLettered = metrics.counter(metricName(stream, consumer, "dead-lettered"));
        this.retried = metrics.counter(metricName(stream, consumer, "retried"));
        metrics.gauge(OperatorMetrics.consumerLag(stream, consumer), () -> new DurableLag(stream, consumer, nats));
    }

    /** The name of one of a consumer's counters in the metrics registry. */
    public static String metricName(String stream, String consumer, String counter) {
        return MetricRegistry.name("pull", stream, consumer, counter);
    }

    public RetryPolicy policy() {
        return policy;
    }

    public void ack(Message message) {
        message.ack();
    }

    /**
     * Settles a message whose processing failed on this delivery: JetStream redelivers it after the policy's delay,
     * or, when the policy gives up on it, it is dead-lettered.
     */
    public void failed(Message message, FailureKind kind, String error) {
        long delivery = message.metaData().deliveredCount();
        if (policy.judge(kind, delivery) instanceof RetryPolicy.Retry retry) {
            LOG.warn(
                    "{} seq {} failed ({}, delivery {}), redelivered in {} ms: {}",
                    stream,
                    message.metaData().streamSequence(),
                    kind,
                    delivery,
                    retry.delay().toMillis(),
                    error);
            retried.inc();
            message.nakWithDelay(retry.delay());
        } else {
            deadLetter(message, error);
        }
    }

    /** Counts one retry in place (the worker held the message and tried again without a redelivery). */
    public void retriedInPlace() {
        retried.inc();
    }

    /**
     * Moves the message to the dead-letter stream and acks it. When the dead-letter stream cannot take it, the
     * message is nak'd: it comes back and is dead-lettered then, so nothing is lost.
     */
    public void deadLetter(Message message, String error) {
        long seq = message.metaData().streamSequence();
        try {
            new DeadLetters(nats.get().jetStream(), consumer).deadLetter(message, error);
            deadLettered.inc();
            LOG.warn(
                    "dead-lettered {} seq {} after {} deliveries: {}",
                    stream,
                    seq,
                    message.metaData().deliveredCount(),
                    error);
        } catch (Exception e) {
            LOG.warn("cannot dead-letter {} seq {} yet: {}", stream, seq, e.toString());
            message.nakWithDelay(DEAD_LETTER_AGAIN);
        }
    }
}
