package io.chorus.fanout.nats;

import io.nats.client.Connection;
import io.nats.client.ConsumerContext;
import io.nats.client.FetchConsumeOptions;
import io.nats.client.FetchConsumer;
import io.nats.client.Message;
import java.time.Duration;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A thread that takes a durable consumer's messages one at a time, in stream order, and hands each to a handler
 * (which acks). It pulls in short fetches (decision 0053): a pull request lives at most {@link #PULL_EXPIRY}, and
 * the client gives up on it after that time even when the server never answers. A pull lost with a NATS node (its
 * consumer leader dies, or the connection moves to another node) therefore costs at most one expiry, where a
 * long-lived {@code iterate()} waited for jnats's heartbeat alarm (70-80 s with the defaults). One thread, one
 * fetch at a time: a re-made pull never runs beside the one it replaces, so the stream order is kept.
 */
final class ConsumerLoop {
    /** How long one pull request lives: a lost pull stalls the loop this long at most. */
    static final Duration PULL_EXPIRY = Duration.ofSeconds(2);
    /** Messages per pull: enough that a burst needs few round trips, few enough to be handled well within expiry. */
    static final int PULL_BATCH = 256;
    private static final FetchConsumeOptions FETCH = FetchConsumeOptions.builder().maxMessages(PULL_BATCH)
            .expiresIn(PULL_EXPIRY.toMillis()).build();
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
        ConsumerContext context = null;
        while (running) {
            try {
                if (context == null) {
                    context = connection.getStreamContext(stream).getConsumerContext(consumer);
                }
                pullOnce(context);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (Exception e) {
                if (running) {
                    // the consumer's leader may be moving: look the consumer up again before the next pull
                    LOG.warn("{}: {}; pulling again", name, e.toString());
                    context = null;
                    pause();
                }
            }
        }
    }

    /** One pull: its messages in order, until the batch is full or the pull expires (answered or not). */
    private void pullOnce(ConsumerContext context) throws Exception {
        try (FetchConsumer batch = context.fetch(FETCH)) {
            Message message;
            while (running && (message = batch.nextMessage()) != null) {
                handler.accept(message);
            }
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
