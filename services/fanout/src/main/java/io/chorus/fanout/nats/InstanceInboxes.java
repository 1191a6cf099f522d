package io.chorus.fanout.nats;

import io.chorus.common.events.Subjects;
import io.chorus.common.routing.RoutingSubjects;
import io.chorus.fanout.core.Partition;
import io.nats.client.Connection;
import io.nats.client.impl.Headers;
import java.util.function.Supplier;

/** Publishes to notification instances' inboxes ({@code instance.events.<id>}): events, control messages. */
public class InstanceInboxes {
    private final Supplier<Connection> connection;
    private final Partition partition;

    public InstanceInboxes(Supplier<Connection> connection, Partition partition) {
        this.connection = connection;
        this.partition = partition;
    }

    public void event(String instanceId, String channelId, long seq, byte[] body) {
        Headers headers = new Headers()
                .put(RoutingSubjects.KIND_HEADER, RoutingSubjects.KIND_EVENT)
                .put(RoutingSubjects.CHANNEL_HEADER, channelId)
                .put(RoutingSubjects.SEQ_HEADER, Long.toString(seq))
                .put(RoutingSubjects.PARTITION_HEADER, Integer.toString(partition.index()));
        connection.get().publish(Subjects.instanceEvents(instanceId), headers, body);
    }

    public void forward(String instanceId, String kind, String channelId, byte[] body) {
        Headers headers = new Headers()
                .put(RoutingSubjects.KIND_HEADER, kind)
                .put(RoutingSubjects.CHANNEL_HEADER, channelId)
                .put(RoutingSubjects.PARTITION_HEADER, Integer.toString(partition.index()));
        connection.get().publish(Subjects.instanceEvents(instanceId), headers, body);
    }

    /** A {@code META} change of a channel, with its stream sequence (resume tokens hold it). */
    public void forward(String instanceId, String kind, String channelId, long seq, byte[] body) {
        Headers headers = new Headers()
                .put(RoutingSubjects.KIND_HEADER, kind)
                .put(RoutingSubjects.CHANNEL_HEADER, channelId)
                .put(RoutingSubjects.SEQ_HEADER, Long.toString(seq))
                .put(RoutingSubjects.PARTITION_HEADER, Integer.toString(partition.index()));
        connection.get().publish(Subjects.instanceEvents(instanceId), headers, body);
    }

    public void requestReannounce(String instanceId) {
        requestReannounce(instanceId, false);
    }

    /** @param readmitted the instance was dropped from the table and is back: its sessions may have missed events */
    public void requestReannounce(String instanceId, boolean readmitted) {
        Headers headers = new Headers()
                .put(RoutingSubjects.KIND_HEADER, RoutingSubjects.KIND_REANNOUNCE)
                .put(RoutingSubjects.PARTITION_HEADER, Integer.toString(partition.index()));
        if (readmitted) {
            headers.put(RoutingSubjects.REASON_HEADER, RoutingSubjects.REASON_READMITTED);
        }
        connection.get().publish(Subjects.instanceEvents(instanceId), headers, new byte[0]);
    }
}
