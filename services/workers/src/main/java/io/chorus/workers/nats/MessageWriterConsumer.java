package io.chorus.workers.nats;

import com.codahale.metrics.MetricRegistry;
import io.chorus.common.events.PoisonEvent;
import io.chorus.common.events.Subjects;
import io.chorus.common.nats.worker.FailureKind;
import io.chorus.common.nats.worker.PullWorker;
import io.chorus.common.nats.worker.RetryPolicy;
import io.chorus.common.nats.worker.Settlement;
import io.chorus.workers.core.HistoryMutations;
import io.chorus.workers.core.MessageMutation;
import io.chorus.workers.core.MessageWriterSettings;
import io.chorus.workers.core.PlantedBug;
import io.chorus.workers.db.MessageStore;
import io.chorus.workers.db.WriteFailures;
import io.nats.client.Connection;
import io.nats.client.Message;
import io.nats.client.api.DeliverPolicy;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The message writer: a durable pull consumer on {@code MESSAGES} that writes history to Cassandra, a pulled batch
 * at a time, one Cassandra batch per partition. At-least-once: a message is acked only after its write (or its
 * dead-lettering). A poison event is dead-lettered at once; a failed write is redelivered with the policy's growing
 * delay (1 s, 2 s, 4 s ... 15 s). A write Cassandra refuses as invalid is dead-lettered on its
 * {@code maxDeliveries}-th delivery, so nothing blocks the consumer; a write that failed because Cassandra was down or
 * slow is retried until it lands, since dead-lettering it would drop an acknowledged message from history. History
 * rows are keyed by stream sequence, so a redelivery landing after later messages leaves the same history.
 *
 * <p>Started with the planted bug {@code ack-before-write} (tests of {@code harness explore} only, decision 0241) it
 * breaks that promise on purpose: each batch is acked before its write, and a failed write is forgotten.
 */
public final class MessageWriterConsumer implements PullWorker.Handler {
    public static final String DURABLE = "message-writer";
    private static final Logger LOG = LoggerFactory.getLogger(MessageWriterConsumer.class);

    private final HistoryMutations mutations;
    private final Supplier<MessageStore> stores;
    private final Settlement settlement;
    private final boolean ackBeforeWrite;
    private volatile MessageStore store;

    private MessageWriterConsumer(
            HistoryMutations mutations,
            Supplier<MessageStore> stores,
            Settlement settlement,
            Optional<PlantedBug> plantedBug) {
        this.mutations = mutations;
        this.stores = stores;
        this.settlement = settlement;
        this.ackBeforeWrite =
                plantedBug.filter(PlantedBug.ACK_BEFORE_WRITE::equals).isPresent();
        if (ackBeforeWrite) {
            LOG.warn("planted bug ack-before-write: batches are acked before their writes land, and a failed write "
                    + "loses its messages (a test of harness explore; never in production)");
        }
    }

    /** The writer's pull worker: one thread, batches of {@code batchSize}, each pull waiting {@code fetchWait}. */
    public static PullWorker worker(
            Supplier<Connection> nats,
            HistoryMutations mutations,
            Supplier<MessageStore> stores,
            MessageWriterSettings settings,
            MetricRegistry metrics) {
        RetryPolicy policy =
                new RetryPolicy(Duration.ofSeconds(1), Duration.ofSeconds(15), settings.getMaxDeliveries());
        MessageWriterConsumer writer = new MessageWriterConsumer(
                mutations,
                stores,
                new Settlement(Subjects.MESSAGES_STREAM, DURABLE, nats, policy, metrics),
                settings.plantedBug());
        int batch = settings.getBatchSize();
        return new PullWorker(
                nats,
                PullWorker.durable(
                        Subjects.MESSAGES_STREAM,
                        Subjects.MESSAGES_PREFIX + ">",
                        DURABLE,
                        DeliverPolicy.All,
                        Duration.ofSeconds(30)),
                new PullWorker.Settings(DURABLE, 1, PullWorker.Pull.BATCH, () -> batch, settings.getFetchWait()),
                writer,
                writer::openStore);
    }

    private void openStore() {
        store = stores.get();
    }

    @Override
    public void handle(List<Message> pulled) {
        Map<String, List<MessageMutation>> byPartition = new LinkedHashMap<>();
        Map<String, List<Message>> sources = new LinkedHashMap<>();
        for (Message message : pulled) {
            Optional<MessageMutation> mutation;
            try {
                mutation = mutations.of(message.getData(), message.metaData().streamSequence());
            } catch (PoisonEvent e) {
                settlement.deadLetter(message, e.getMessage());
                continue;
            }
            if (mutation.isEmpty()) {
                settlement.ack(message);
                continue;
            }
            String key = mutation.get().partitionKey();
            byPartition.computeIfAbsent(key, k -> new ArrayList<>()).add(mutation.get());
            sources.computeIfAbsent(key, k -> new ArrayList<>()).add(message);
        }
        List<CompletableFuture<Void>> writes = new ArrayList<>();
        for (Map.Entry<String, List<MessageMutation>> partition : byPartition.entrySet()) {
            List<Message> its = sources.get(partition.getKey());
            if (ackBeforeWrite) {
                its.forEach(settlement::ack);
            }
            writes.add(store.writePartition(partition.getValue())
                    .toCompletableFuture()
                    .handle((ok, error) -> {
                        if (!ackBeforeWrite) {
                            its.forEach(m -> settle(m, error));
                        }
                        return null;
                    }));
        }
        CompletableFuture.allOf(writes.toArray(CompletableFuture[]::new)).join();
    }

    private void settle(Message message, Throwable error) {
        if (error == null) {
            settlement.ack(message);
        } else {
            // an outage is waited out, never dead-lettered: the event stays in JetStream until Cassandra is back
            FailureKind kind = WriteFailures.isRefusal(error) ? FailureKind.REFUSED : FailureKind.OUTAGE;
            settlement.failed(
                    message, kind, kind == FailureKind.REFUSED ? "write refused: " + error : error.toString());
        }
    }
}
