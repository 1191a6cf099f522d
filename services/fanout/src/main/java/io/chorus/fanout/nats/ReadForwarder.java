package io.chorus.fanout.nats;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.chorus.common.events.EventTypes;
import io.chorus.common.events.Subjects;
import io.chorus.common.routing.RoutingSubjects;
import io.chorus.common.routing.RoutingTable;
import io.chorus.fanout.core.Partition;
import io.dropwizard.lifecycle.Managed;
import io.nats.client.Connection;
import io.nats.client.Dispatcher;
import io.nats.client.Message;
import java.util.function.Supplier;

/**
 * Read marks ({@code channel.read}, published to {@code META} on the user's subject, decision 0251) reach the
 * user's other sessions: the fan-out owning the mark's channel forwards it to the instances routed to that channel,
 * where the user's sessions are, as a typing notice is forwarded. Best effort and never replayed: it is heard on
 * core NATS as it is published, and a session that missed it reads the mark from {@code GET /v1/users/me/channels}.
 */
public final class ReadForwarder implements Managed {
    private final Supplier<Connection> connection;
    private final RoutingTable table;
    private final Partition partition;
    private final InstanceInboxes inboxes;
    private final ObjectMapper json;
    private Dispatcher dispatcher;

    public ReadForwarder(
            Supplier<Connection> connection,
            RoutingTable table,
            Partition partition,
            InstanceInboxes inboxes,
            ObjectMapper json) {
        this.connection = connection;
        this.table = table;
        this.partition = partition;
        this.inboxes = inboxes;
        this.json = json;
    }

    @Override
    public void start() {
        dispatcher = connection.get().createDispatcher(this::forward);
        dispatcher.subscribe(Subjects.META_PREFIX + "user.*");
    }

    @Override
    public void stop() {
        if (dispatcher != null) {
            connection.get().closeDispatcher(dispatcher);
        }
    }

    private void forward(Message message) {
        JsonNode event;
        try {
            event = json.readTree(message.getData());
        } catch (Exception e) {
            return; // not ours to judge: the meta writer dead-letters malformed META events
        }
        String channel = event.path("channelId").asText();
        if (!EventTypes.CHANNEL_READ.equals(event.path("type").asText())
                || !Subjects.isToken(channel)
                || !partition.owns(channel)) {
            return;
        }
        for (String instance : table.instancesFor(channel)) {
            inboxes.forward(instance, RoutingSubjects.KIND_READ, channel, message.getData());
        }
    }
}
