package io.chorus.common.nats.worker;

import com.codahale.metrics.CachedGauge;
import io.nats.client.Connection;
import io.nats.client.JetStreamApiException;
import io.nats.client.api.ConsumerInfo;
import java.io.IOException;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * A durable consumer's lag for the metrics: the messages it has yet to settle (pending plus delivered and not yet
 * acknowledged), read from JetStream when scraped, at most every 5 s. No value while the connection is not up or
 * JetStream does not answer: a scrape never waits long nor fails for it.
 */
final class DurableLag extends CachedGauge<Long> {
    private final String stream;
    private final String consumer;
    private final Supplier<Connection> nats;

    DurableLag(String stream, String consumer, Supplier<Connection> nats) {
        super(5, TimeUnit.SECONDS);
        this.stream = stream;
        this.consumer = consumer;
        this.nats = nats;
    }

    @Override
    @SuppressWarnings("NullAway") // no value: the exporter leaves the gauge out of the scrape
    protected Long loadValue() {
        try {
            ConsumerInfo info = nats.get().jetStreamManagement().getConsumerInfo(stream, consumer);
            return info.getNumPending() + info.getNumAckPending();
        } catch (IllegalStateException | IOException | JetStreamApiException e) {
            return null;
        }
    }
}
