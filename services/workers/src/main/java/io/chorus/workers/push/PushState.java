package io.chorus.workers.push;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.chorus.common.core.RecentReads;
import io.chorus.common.events.EventEnvelope;
import io.chorus.common.events.EventTypes;
import io.chorus.common.events.MetaPayloads;
import io.chorus.common.events.Subjects;
import io.chorus.common.events.UuidV7;
import io.chorus.common.nats.ManagedNatsConnection;
import io.chorus.common.presence.PresenceEntry;
import io.nats.client.KeyValue;
import io.nats.client.api.KeyValueEntry;
import io.nats.client.api.KeyValueOperation;
import io.nats.client.impl.Headers;
import io.nats.client.impl.NatsMessage;
import java.time.Clock;
import java.time.Duration;

/**
 * What the push worker reads and writes on NATS (decision 0202): presence (a user with an entry in the
 * {@code presence} bucket whose instance still beats in {@code instances} has a live session, decision 0292), the
 * {@code push-sent} bucket of notifications already accepted by a provider, and {@code device.removed} events for
 * tokens a provider says are gone.
 */
public class PushState {
    private final ManagedNatsConnection nats;
    private final ObjectMapper json;
    private final Clock clock;
    private volatile KeyValue presence;
    private volatile KeyValue instances;
    private volatile KeyValue sent;
    // a few instances hold every online user: their heartbeats are read once a second, not once per recipient
    private final RecentReads<Boolean> beating = new RecentReads<>(Duration.ofSeconds(1), 1_000);

    public PushState(ManagedNatsConnection nats, ObjectMapper json, Clock clock) {
        this.nats = nats;
        this.json = json;
        this.clock = clock;
    }

    private KeyValue presence() throws Exception {
        if (presence == null) {
            presence = nats.connection().keyValue(Subjects.PRESENCE_BUCKET);
        }
        return presence;
    }

    private KeyValue instances() throws Exception {
        if (instances == null) {
            instances = nats.connection().keyValue(Subjects.INSTANCES_BUCKET);
        }
        return instances;
    }

    private KeyValue sent() throws Exception {
        if (sent == null) {
            sent = nats.connection().keyValue(Subjects.PUSH_SENT_BUCKET);
        }
        return sent;
    }

    /**
     * An entry is written when a user connects and rewritten only every few minutes (decision 0292): one left by an
     * instance that died is told apart by that instance's heartbeat, gone from {@code instances} within seconds.
     */
    public boolean online(String userId) throws Exception {
        KeyValueEntry entry = presence().get(userId);
        if (!live(entry) || entry.getValue() == null) {
            return false;
        }
        String instance = PresenceEntry.decode(entry.getValue()).instanceId();
        return instance.isEmpty() || beating(instance);
    }

    private boolean beating(String instance) {
        return beating.get(instance, () -> {
            try {
                return live(instances().get(instance));
            } catch (Exception e) {
                throw new IllegalStateException("instances bucket did not answer: " + e.getMessage(), e);
            }
        });
    }

    public boolean sent(String key) throws Exception {
        return live(sent().get(key));
    }

    public void recordSent(String key) throws Exception {
        sent().put(key, new byte[] {'1'});
    }

    /** @param cause the notification that found the device gone: its redeliveries publish one removal */
    public void removeDevice(String userId, String deviceId, String cause) throws Exception {
        EventEnvelope event = new EventEnvelope(
                UuidV7.generate(),
                EventTypes.DEVICE_REMOVED,
                null,
                userId,
                clock.instant(),
                json.valueToTree(new MetaPayloads.DeviceRemoved(deviceId)));
        Headers headers = new Headers().add("Nats-Msg-Id", EventTypes.DEVICE_REMOVED + ":" + cause);
        nats.connection()
                .jetStream()
                .publish(NatsMessage.builder()
                        .subject(Subjects.userMeta(userId))
                        .headers(headers)
                        .data(json.writeValueAsBytes(event))
                        .build())
                .getSeqno();
    }

    private static boolean live(KeyValueEntry entry) {
        return entry != null && entry.getOperation() == KeyValueOperation.PUT;
    }
}
