package io.chorus.fanout.nats;

import io.chorus.common.events.Subjects;
import io.chorus.common.routing.RoutingSubjects;
import io.chorus.common.routing.RoutingTable;
import io.chorus.fanout.core.Partition;
import io.nats.client.Connection;
import java.util.function.Supplier;

/**
 * Typing notices travel over core NATS ({@code chat.typing.<channelId>}, never a stream): the fan-out owning the
 * channel forwards each to the instances routed to it, like an event but without a sequence (best effort).
 */
public class TypingForwarder {
    private final Supplier<Connection> connection;
    private final RoutingTable table;
    private final Partition partition;
    private final InstanceInboxes inboxes;

    public TypingForwarder(
            Supplier<Connection> connection, RoutingTable table, Partition partition, InstanceInboxes inboxes) {
        this.connection = connection;
        this.table = table;
        this.partition = partition;
        this.inboxes = inboxes;
    }

    public void start() {
        connection
                .get()
                .createDispatcher(message -> {
                    String channel = Partition.channelOf(message.getSubject());
                    if (partition.owns(channel)) {
                        for (String instance : table.instancesFor(channel)) {
                            inboxes.forward(instance, RoutingSubjects.KIND_TYPING, channel, message.getData());
                        }
                    }
                })
                .subscribe(Subjects.TYPING_PREFIX + "*");
    }
}
