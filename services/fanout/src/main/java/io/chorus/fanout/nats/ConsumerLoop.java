package io.chorus.fanout.nats;

import io.nats.client.Connection;
import io.nats.client.IterableConsumer;
import io.nats.client.Message;
import java.time.Duration;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A thread that takes a durable consumer's messages one at a time, in stream order, and hands each to a handler
 * (which acks). When the subscription breaks (a NATS reconnect, a leader change) it subscribes again and goes on.
 */
final class ConsumerLoop {
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
            worker.join(5_000);
        }
    }

    private void run() {
        while (running) {
            try (IterableConsumer messages = connection.getStreamContext(stream).getConsumerContext(consumer).iterate()) {
                while (running) {
                    Message message = messages.nextMessage(Duration.ofMillis(500));
                    if (message != null) {
                        handler.accept(message);
                    }
                }
            } catch (Exception e) {
                if (running) {
                    LOG.warn("{}: {}; resubscribing", name, e.toString());
                    pause();
                }
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
