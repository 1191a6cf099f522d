package io.chorus.fanout.nats;

import io.nats.client.Connection;
import io.nats.client.JetStreamSubscription;
import io.nats.client.Message;
import io.nats.client.PullSubscribeOptions;
import java.time.Duration;
import java.util.Iterator;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A thread that takes a durable consumer's messages one at a time, in stream order, and hands each to a handler
 * (which acks). It pulls in short fetches on one pull subscription bound to the durable (decision 0053): a pull
 * lives at most {@link #PULL_EXPIRY}, and the client gives up on it after that time even when the server never
 * answers, so a pull lost with a NATS node costs at most one expiry (a long-lived {@code iterate()} waits for
 * jnats's heartbeat alarm, 70-80 s). The subscription outlives its fetches: a message the server sends just after
 * the client gave up on a fetch lands in the same subscription and is the first of the next fetch. (A fresh
 * subscription per fetch, as {@code ConsumerContext.fetch} makes, would drop it, and the consumer's AckAll on the
 * next message would ack it unseen.) One thread, one fetch at a time, in stream order.
 */
final class ConsumerLoop {
    /** How long one pull request lives: a lost pull stalls the loop this long at most. */
    static final Duration PULL_EXPIRY = Duration.ofSeconds(2);
    /** Messages per pull: enough that a burst needs few round trips, few enough to be handled well within expiry. */
    static final int PULL_BATCH = 256;
    private static final Logger LOG = LoggerFactory.getLogger(ConsumerLoop.class);

    private final Connection connection;
    private final String stream;
    private final String consumer;
    private final String name;
    private final Consumer<Message> handler;
    private volatile boolean running;
    private Thread worker;

    ConsumerLoop(Connection connection, String stream, String consumer, String name, Consumer<Message> handler) {
        this.connection = connection;
        this.stream = stream;
        this.consumer = consumer;
        this.name = name;
        this.handler = handler;
    }

    void start() {
        running = true;
        worker = new Thread(this::run, name);
        worker.setDaemon(true);
        worker.start();
    }

    void stop() throws InterruptedException {
        running = false;
        if (worker != null) {
            worker.join(PULL_EXPIRY.toMillis() + 5_000);
        }
    }

    private void run() {
        JetStreamSubscription subscription = null;
        while (running) {
            try {
                if (subscription == null) {
                    subscription = connection.jetStream().subscribe(null, PullSubscribeOptions.bind(stream, consumer));
                }
                // iterate, not fetch: each message as it arrives (a fetch holds them until its batch is full or expired)
                Iterator<Message> pull = subscription.iterate(PULL_BATCH, PULL_EXPIRY);
                while (running && pull.hasNext()) {
                    handler.accept(pull.next());
                }
            } catch (Exception e) {
                if (running) {
                    // the consumer's leader may be moving: bind to the durable again before the next pull
                    LOG.warn("{}: {}; pulling again", name, e.toString());
                    unsubscribe(subscription);
                    subscription = null;
                    pause();
                }
            }
        }
        unsubscribe(subscription);
    }

    private static void unsubscribe(JetStreamSubscription subscription) {
        try {
            if (subscription != null) {
                subscription.unsubscribe();
            }
        } catch (RuntimeException e) {
            // the connection is closing or gone: nothing left to release
        }
    }

    private static void pause() {
        try {
            Thread.sleep(500);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
