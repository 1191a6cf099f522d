package io.chorus.notification.nats;

import io.chorus.common.events.Subjects;
import io.chorus.common.presence.PresenceEntry;
import io.chorus.common.presence.PresenceStatus;
import io.chorus.notification.core.Frames;
import io.chorus.notification.core.LiveSession;
import io.chorus.notification.core.PresenceWatchers;
import io.nats.client.Connection;
import io.nats.client.KeyValue;
import io.nats.client.api.KeyValueEntry;
import io.nats.client.api.KeyValueOperation;
import io.nats.client.api.KeyValueWatchOption;
import io.nats.client.api.KeyValueWatcher;
import io.nats.client.impl.NatsKeyValueWatchSubscription;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The instance's ONE watch of the {@code presence} bucket (decision 0253), opened when a first session asks to watch
 * presence and kept while the instance lives: every entry write reaches it, and {@link PresenceWatchers} turns the
 * writes of watched users whose status changed into {@code presence} frames. Never a subscription per watched user:
 * watching more users costs the instance map entries, not NATS consumers.
 */
public class PresenceWatch implements KeyValueWatcher {
    private static final Logger LOG = LoggerFactory.getLogger(PresenceWatch.class);

    private final Connection connection;
    private final PresenceWatchers<LiveSession> watchers = new PresenceWatchers<>();
    private KeyValue bucket;
    private KeyValue instances;
    private NatsKeyValueWatchSubscription subscription;

    public PresenceWatch(Connection connection) {
        this.connection = connection;
    }

    /** The session now watches {@code users} (none: it stops); each is told its current status at once. */
    public void watch(LiveSession session, Set<String> users) throws Exception {
        KeyValue kv = started();
        watchers.replace(session, users);
        Map<String, Boolean> beating = new HashMap<>();
        for (String user : users) {
            PresenceStatus status = snapshot(kv.get(user), beating);
            watchers.known(user, status);
            session.sendFrame(Frames.presence(user, status));
        }
    }

    public void closed(LiveSession session) {
        watchers.remove(session);
    }

    public synchronized void stop() {
        if (subscription != null) {
            subscription.unsubscribe();
        }
    }

    private synchronized KeyValue started() throws Exception {
        if (subscription == null) {
            bucket = connection.keyValue(Subjects.PRESENCE_BUCKET);
            instances = connection.keyValue(Subjects.INSTANCES_BUCKET);
            subscription = bucket.watchAll(this, KeyValueWatchOption.UPDATES_ONLY);
        }
        return bucket;
    }

    @Override
    public void watch(KeyValueEntry entry) {
        try {
            PresenceStatus status = status(entry);
            for (LiveSession session : watchers.changed(entry.getKey(), status)) {
                session.sendFrame(Frames.presence(entry.getKey(), status));
            }
        } catch (RuntimeException e) {
            LOG.warn("presence change of {} not told: {}", entry.getKey(), e.toString());
        }
    }

    @Override
    public void endOfData() {
        // updates only: nothing was replayed before the live writes
    }

    /**
     * A stored entry's status, offline when its instance no longer beats: entries are rewritten only every few
     * minutes (decision 0292), so one left by a dead instance outlives it. {@code beating} keeps each instance's
     * answer for the rest of the snapshot.
     */
    private PresenceStatus snapshot(KeyValueEntry entry, Map<String, Boolean> beating) throws Exception {
        PresenceEntry stored = stored(entry);
        if (stored == null) {
            return PresenceStatus.OFFLINE;
        }
        String instance = stored.instanceId();
        if (instance.isEmpty()) {
            return stored.status();
        }
        Boolean alive = beating.get(instance);
        if (alive == null) {
            KeyValueEntry beat = instances.get(instance);
            alive = beat != null && beat.getOperation() == KeyValueOperation.PUT;
            beating.put(instance, alive);
        }
        return alive ? stored.status() : PresenceStatus.OFFLINE;
    }

    private static PresenceStatus status(KeyValueEntry entry) {
        PresenceEntry stored = stored(entry);
        return stored == null ? PresenceStatus.OFFLINE : stored.status();
    }

    /** The entry a KV entry holds; null for none, a delete or a purge (offline). */
    private static PresenceEntry stored(KeyValueEntry entry) {
        if (entry == null || entry.getOperation() != KeyValueOperation.PUT || entry.getValue() == null) {
            return null;
        }
        return PresenceEntry.decode(entry.getValue());
    }
}
