package io.chorus.workers.nats;

import io.chorus.workers.db.WriteFailures;
import io.chorus.common.events.Subjects;
import io.chorus.common.nats.DeadLetters;
import io.chorus.workers.core.HistoryMutations;
import io.chorus.workers.core.MessageMutation;
import io.chorus.workers.core.PoisonEventException;
import io.chorus.workers.db.MessageStore;
import io.dropwizard.lifecycle.Managed;
import io.nats.client.Connection;
import io.nats.client.JetStreamSubscription;
import io.nats.client.Message;
import io.nats.client.PullSubscribeOptions;
import io.nats.client.api.AckPolicy;
import io.nats.client.api.ConsumerConfiguration;
import io.nats.client.api.DeliverPolicy;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The message writer: a durable pull consumer on {@code MESSAGES} that writes history to Cassandra, a fetched
 * batch at a time, one Cassandra batch per partition. At-least-once: a message is acked only after its write
 * (or its dead-lettering). A failed write is redelivered with a growing delay. A write Cassandra refuses as invalid
 * goes to the dead-letter stream on its {@code maxDeliveries}-th delivery, so nothing blocks the consumer; a write
 * that failed because Cassandra was down or slow is retried until it lands, since dead-lettering it would drop an
 * acknowledged message from history.
 */
public class MessageWriterConsumer implements Managed {
    public static final String DURABLE = "message-writer";
    private static final Logger LOG = LoggerFactory.getLogger(MessageWriterConsumer.class);

    private final java.util.function.Supplier<Connection> nats;
    private Connection connection;
    private final HistoryMutations mutations;
    private final java.util.function.Supplier<MessageStore> store;
    private final int batchSize;
    private final Duration fetchWait;
    private final int maxDeliveries;
    private DeadLetters deadLetters;
    private volatile boolean running;
    private Thread worker;

    public MessageWriterConsumer(java.util.function.Supplier<Connection> nats, HistoryMutations mutations,
                                 java.util.function.Supplier<MessageStore> store, int batchSize, Duration fetchWait,
                                 int maxDeliveries) {
        this.nats = nats;
        this.mutations = mutations;
        this.store = store;
        this.batchSize = batchSize;
        this.fetchWait = fetchWait;
        this.maxDeliveries = maxDeliveries;
    }

    @Override
    public void start() throws java.io.IOException {
        connection = nats.get();
        deadLetters = new DeadLetters(connection.jetStream(), DURABLE);
        running = true;
        worker = new Thread(this::run, "message-writer");
        worker.setDaemon(true);
        worker.start();
    }

    @Override
    public void stop() throws InterruptedException {
        running = false;
        if (worker != null) {
            worker.join(5_000);
        }
    }

    private void run() {
        MessageStore messages = null;
        JetStreamSubscription subscription = null;
        while (running) {
            try {
                if (messages == null) {
                    messages = store.get();
                }
                if (subscription == null) {
                    subscription = subscribe();
                }
                List<Message> fetched = subscription.fetch(batchSize, fetchWait);
                if (!fetched.isEmpty()) {
                    write(messages, fetched);
                }
            } catch (Exception e) {
                LOG.warn("message writer loop: {}", e.toString());
                subscription = null;
                pause();
            }
        }
    }

    private JetStreamSubscription subscribe() throws Exception {
        ConsumerConfiguration consumer = ConsumerConfiguration.builder().durable(DURABLE)
                .filterSubject(Subjects.MESSAGES_PREFIX + ">").ackPolicy(AckPolicy.Explicit)
                .deliverPolicy(DeliverPolicy.All).ackWait(Duration.ofSeconds(30)).maxAckPending(10_000).build();
        return connection.jetStream().subscribe(Subjects.MESSAGES_PREFIX + ">",
                PullSubscribeOptions.builder().stream(Subjects.MESSAGES_STREAM).configuration(consumer).build());
    }

    private void write(MessageStore messages, List<Message> fetched) throws Exception {
        Map<String, List<MessageMutation>> byPartition = new LinkedHashMap<>();
        Map<String, List<Message>> sources = new LinkedHashMap<>();
        for (Message message : fetched) {
            Optional<MessageMutation> mutation;
            try {
                mutation = mutations.of(message.getData(), message.metaData().streamSequence());
            } catch (PoisonEventException e) {
                deadLetter(message, e.getMessage());
                continue;
            }
            if (mutation.isEmpty()) {
                message.ack();
                continue;
            }
            String key = mutation.get().partitionKey();
            byPartition.computeIfAbsent(key, k -> new ArrayList<>()).add(mutation.get());
            sources.computeIfAbsent(key, k -> new ArrayList<>()).add(message);
        }
        List<CompletableFuture<Void>> writes = new ArrayList<>();
        for (Map.Entry<String, List<MessageMutation>> partition : byPartition.entrySet()) {
            List<Message> its = sources.get(partition.getKey());
            writes.add(messages.writePartition(partition.getValue()).toCompletableFuture()
                    .handle((ok, error) -> {
                        its.forEach(m -> settle(m, error));
                        return null;
                    }));
        }
        CompletableFuture.allOf(writes.toArray(CompletableFuture[]::new)).join();
    }

    private void settle(Message message, Throwable error) {
        if (error == null) {
            message.ack();
            return;
        }
        long delivered = message.metaData().deliveredCount();
        if (WriteFailures.isRefusal(error) && delivered >= maxDeliveries) {
            deadLetter(message, "write refused " + maxDeliveries + " times: " + error);
        } else {
            // an outage is waited out, never dead-lettered: the event stays in JetStream until Cassandra is back
            LOG.warn("write failed (delivery {}), will retry: {}", delivered, error.toString());
            message.nakWithDelay(retryDelay(delivered));
        }
    }

    /** 1 s, 2 s, 4 s ... up to 15 s: a long outage costs a redelivery every 15 s per pending event, not a storm. */
    static Duration retryDelay(long delivered) {
        long seconds = 1L << Math.min(4, Math.max(0, delivered - 1));
        return Duration.ofSeconds(Math.min(15, seconds));
    }

    private void deadLetter(Message message, String error) {
        try {
            deadLetters.deadLetter(message, error);
            LOG.warn("dead-lettered MESSAGES seq {}: {}", message.metaData().streamSequence(), error);
        } catch (Exception e) {
            LOG.warn("cannot dead-letter seq {} yet: {}", message.metaData().streamSequence(), e.toString());
            message.nakWithDelay(Duration.ofSeconds(1));
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
