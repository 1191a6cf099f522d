package io.chorus.query.nats;

import io.chorus.common.events.Subjects;
import io.chorus.common.nats.ManagedNatsConnection;
import io.chorus.common.presence.PresenceEntry;
import io.chorus.query.core.PresenceBatch;
import io.nats.client.JetStreamApiException;
import io.nats.client.KeyValue;
import io.nats.client.api.KeyValueEntry;
import io.nats.client.api.KeyValueOperation;
import java.io.IOException;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Reads presence from the {@code presence} KV: one get per asked user, then one get in {@code instances} per
 * instance the entries name (a handful), to tell an entry left by a dead instance from a live one.
 */
public final class PresenceReads {
    private final ManagedNatsConnection nats;
    private volatile KeyValue presence;
    private volatile KeyValue instances;

    public PresenceReads(ManagedNatsConnection nats) {
        this.nats = nats;
    }

    public List<PresenceBatch.UserPresence> of(List<String> users) {
        try {
            Map<String, Optional<PresenceEntry>> entries = new HashMap<>();
            Set<String> named = new HashSet<>();
            for (String user : users) {
                Optional<PresenceEntry> entry = live(presence().get(user)).map(PresenceEntry::decode);
                entries.put(user, entry);
                entry.map(PresenceEntry::instanceId).filter(i -> !i.isEmpty()).ifPresent(named::add);
            }
            Set<String> alive = new HashSet<>();
            for (String instance : named) {
                if (live(instances().get(instance)).isPresent()) {
                    alive.add(instance);
                }
            }
            return PresenceBatch.statuses(users, entries, alive);
        } catch (IOException | JetStreamApiException e) {
            throw new IllegalStateException("presence bucket did not answer: " + e.getMessage(), e);
        }
    }

    private static Optional<byte[]> live(KeyValueEntry entry) {
        return entry == null || entry.getOperation() != KeyValueOperation.PUT || entry.getValue() == null
                ? Optional.empty()
                : Optional.of(entry.getValue());
    }

    private KeyValue presence() throws IOException {
        KeyValue kv = presence;
        if (kv == null) {
            kv = nats.connection().keyValue(Subjects.PRESENCE_BUCKET);
            presence = kv;
        }
        return kv;
    }

    private KeyValue instances() throws IOException {
        KeyValue kv = instances;
        if (kv == null) {
            kv = nats.connection().keyValue(Subjects.INSTANCES_BUCKET);
            instances = kv;
        }
        return kv;
    }
}
