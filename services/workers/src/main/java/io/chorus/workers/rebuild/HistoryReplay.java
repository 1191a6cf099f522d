package io.chorus.workers.rebuild;

import io.chorus.common.events.PoisonEvent;
import io.chorus.workers.core.HistoryMutations;
import io.chorus.workers.core.MessageMutation;
import io.chorus.workers.db.MessageStore;
import io.chorus.workers.db.WriteFailures;
import io.nats.client.Message;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * Replays events into Cassandra's history with the message writer's own mutations and store: every cell at its
 * event's write time (a delete at the final one), so replaying an event Cassandra already holds changes nothing.
 */
public final class HistoryReplay implements StreamReplay.Applier {
    private final HistoryMutations mutations;
    private final MessageStore store;

    public HistoryReplay(HistoryMutations mutations, MessageStore store) {
        this.mutations = mutations;
        this.store = store;
    }

    @Override
    public int apply(List<Message> batch) throws Exception {
        int skipped = 0;
        Map<String, List<MessageMutation>> byPartition = new LinkedHashMap<>();
        for (Message message : batch) {
            try {
                Optional<MessageMutation> mutation =
                        mutations.of(message.getData(), message.metaData().streamSequence());
                if (mutation.isEmpty()) {
                    skipped++;
                } else {
                    byPartition
                            .computeIfAbsent(mutation.get().partitionKey(), k -> new ArrayList<>())
                            .add(mutation.get());
                }
            } catch (PoisonEvent e) {
                skipped++; // dead-lettered by the live writer already
            }
        }
        return skipped + write(new ArrayList<>(byPartition.values()));
    }

    /** Writes each partition until Cassandra has it; answers how many events it refused as invalid. */
    private int write(List<List<MessageMutation>> partitions) throws Exception {
        int refused = 0;
        ReplayAttempts attempts = new ReplayAttempts();
        while (!partitions.isEmpty()) {
            List<CompletableFuture<Throwable>> writes = new ArrayList<>();
            for (List<MessageMutation> partition : partitions) {
                writes.add(store.writePartition(partition).toCompletableFuture().handle((ok, error) -> error));
            }
            List<List<MessageMutation>> retry = new ArrayList<>();
            String failure = null;
            for (int i = 0; i < partitions.size(); i++) {
                Throwable error = writes.get(i).join();
                if (error == null) {
                    continue;
                }
                if (WriteFailures.isRefusal(error)) {
                    refused += partitions.get(i).size();
                } else {
                    retry.add(partitions.get(i));
                    failure = error.toString();
                }
            }
            if (!retry.isEmpty()) {
                attempts.pauseAfter(failure);
            }
            partitions = retry;
        }
        return refused;
    }
}
