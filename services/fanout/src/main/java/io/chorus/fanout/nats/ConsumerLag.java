package io.chorus.fanout.nats;

import io.chorus.common.events.Subjects;
import io.dropwizard.lifecycle.Managed;
import io.nats.client.Connection;
import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * Consumer lag: events in the stream this partition's consumer has not yet routed (pending plus unacked), read
 * every {@link #EVERY}. A read that fails keeps the last value until the next one.
 */
public final class ConsumerLag implements Managed {
    static final Duration EVERY = Duration.ofSeconds(2);

    private final Supplier<Connection> connection;
    private final String consumer;
    private final ScheduledExecutorService timer;
    private final AtomicLong lag = new AtomicLong();
    private ScheduledFuture<?> reads;

    /** @param consumer the durable consumer on {@code MESSAGES} whose lag this reads */
    public ConsumerLag(Supplier<Connection> connection, String consumer, ScheduledExecutorService timer) {
        this.connection = connection;
        this.consumer = consumer;
        this.timer = timer;
    }

    public long value() {
        return lag.get();
    }

    @Override
    public void start() {
        reads = timer.scheduleWithFixedDelay(this::read, 0, EVERY.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public void stop() {
        if (reads != null) {
            reads.cancel(true);
        }
    }

    private void read() {
        try {
            var info = connection.get().jetStreamManagement().getConsumerInfo(Subjects.MESSAGES_STREAM, consumer);
            lag.set(info.getNumPending() + info.getNumAckPending());
        } catch (Exception e) {
            // NATS unreachable or the consumer not there yet: the next read tells
        }
    }
}
