package io.chorus.workers.rebuild;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.chorus.workers.core.ChannelCreations;
import io.chorus.workers.core.MetaEvent;
import io.chorus.workers.db.MongoMetaStore;
import io.chorus.workers.nats.PermissionWriter;
import io.nats.client.Connection;
import io.nats.client.Message;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Replays {@code META} events into one metadata store with the meta writer's own decoding, refusals and writes
 * (decision 0140): the documents in MongoDB through {@link MongoMetaStore}, or the {@code permissions} bucket through
 * {@link PermissionWriter}. Both are idempotent in stream order (inserts first, roles only raised until a removal),
 * which the replay keeps: one batch at a time, in order, retried whole until the store has it.
 */
public final class MetaReplay implements StreamReplay.Applier {
    /** Writes decoded events into the store being rebuilt, in their order. */
    public interface Target {
        void write(List<MetaEvent> events, Runnable heartbeat) throws Exception;
    }

    private final ObjectMapper json;
    private final MongoMetaStore creations;
    private final Target target;

    /**
     * @param creations where a channel's first creation is looked up, to refuse a late {@code channel.created} as
     *                  the live writer did (decision 0100)
     */
    public MetaReplay(ObjectMapper json, MongoMetaStore creations, Target target) {
        this.json = json;
        this.creations = creations;
        this.target = target;
    }

    /** Rebuilds the metadata documents; the store is opened first, so a dropped collection gets its indexes. */
    public static MetaReplay mongo(ObjectMapper json, MongoMetaStore store) {
        store.open();
        return new MetaReplay(json, store, (events, heartbeat) -> store.apply(events, heartbeat));
    }

    /** Rebuilds the permissions bucket; late creations are judged against the metadata documents. */
    public static MetaReplay permissions(ObjectMapper json, MongoMetaStore store, Connection nats) {
        store.open();
        return new MetaReplay(json, store, (events, heartbeat) -> new PermissionWriter(nats).write(events, heartbeat));
    }

    @Override
    public int apply(List<Message> batch) throws Exception {
        int skipped = 0;
        List<MetaEvent> events = new ArrayList<>(batch.size());
        for (Message message : batch) {
            try {
                events.add(MetaEvent.decode(json, message.getData()));
            } catch (MetaEvent.Malformed e) {
                skipped++; // dead-lettered by the live writer already
            }
        }
        Runnable heartbeat = () -> batch.forEach(Message::inProgress);
        ReplayAttempts attempts = new ReplayAttempts();
        while (true) {
            try {
                List<MetaEvent> kept = withoutLateCreations(events);
                target.write(kept, heartbeat);
                return skipped + events.size() - kept.size();
            } catch (Exception e) {
                attempts.pauseAfter(e.toString());
            }
        }
    }

    /** The events but each {@code channel.created} for a channel someone else created first. */
    private List<MetaEvent> withoutLateCreations(List<MetaEvent> events) {
        Map<Integer, String> late = ChannelCreations.late(events, creations.creations(ChannelCreations.named(events)));
        if (late.isEmpty()) {
            return events;
        }
        List<MetaEvent> kept = new ArrayList<>(events.size());
        for (int i = 0; i < events.size(); i++) {
            if (!late.containsKey(i)) {
                kept.add(events.get(i));
            }
        }
        return kept;
    }
}
