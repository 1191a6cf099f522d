package io.chorus.fanout.nats;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.chorus.common.events.EventTypes;
import io.chorus.common.events.Subjects;
import io.chorus.common.nats.worker.PullWorker;
import io.chorus.common.routing.RoutingSubjects;
import io.chorus.fanout.core.Partition;
import io.dropwizard.lifecycle.Managed;
import io.nats.client.Connection;
import io.nats.client.Message;
import io.nats.client.api.AckPolicy;
import io.nats.client.api.ConsumerConfiguration;
import io.nats.client.api.DeliverPolicy;
import java.time.Duration;
import java.util.Collection;
import java.util.function.Supplier;

/**
 * Brings channel and membership changes ({@code channel.created}, {@code channel.updated}, {@code members.added},
 * {@code member.removed} on {@code META}) of this partition's channels to every live notification instance, which
 * applies them to the sessions of online members it holds, tells those sessions (docs/protocol.md) and announces
 * the interest that follows. One publish per live instance per membership event, whatever the
 * number of user ids in it; no presence lookup, so no race with a user connecting elsewhere at the same moment.
 */
public class MembershipForwarder implements Managed {

    private static final java.util.Set<String> FORWARDED = java.util.Set.of(
            EventTypes.CHANNEL_CREATED,
            EventTypes.CHANNEL_UPDATED,
            EventTypes.MEMBERS_ADDED,
            EventTypes.MEMBER_REMOVED);

    private final Supplier<Connection> connection;
    private final Partition partition;
    private final InstanceInboxes inboxes;
    private final Supplier<Collection<String>> liveInstances;
    private final ObjectMapper json;
    private PullWorker loop;

    public MembershipForwarder(
            Supplier<Connection> connection,
            Partition partition,
            InstanceInboxes inboxes,
            Supplier<Collection<String>> liveInstances,
            ObjectMapper json) {
        this.connection = connection;
        this.partition = partition;
        this.inboxes = inboxes;
        this.liveInstances = liveInstances;
        this.json = json;
    }

    private String consumerName() {
        return partition.consumerName("meta");
    }

    @Override
    public void start() throws Exception {
        ConsumerConfiguration config = ConsumerConfiguration.builder()
                .durable(consumerName())
                .filterSubject(Subjects.META_PREFIX + "channel.>")
                .ackPolicy(AckPolicy.All)
                .deliverPolicy(DeliverPolicy.New)
                .ackWait(Duration.ofSeconds(30))
                .build();
        connection.get().jetStreamManagement().addOrUpdateConsumer(Subjects.META_STREAM, config);
        loop = StreamOrderPull.of(connection, Subjects.META_STREAM, consumerName(), "membership-forwarder", message -> {
            forward(message);
            message.ack();
        });
        loop.start();
    }

    @Override
    public void stop() throws InterruptedException {
        if (loop != null) {
            loop.stop();
        }
    }

    private void forward(Message message) {
        String channel = Partition.channelOf(message.getSubject());
        if (!partition.owns(channel)) {
            return;
        }
        String type;
        try {
            JsonNode event = json.readTree(message.getData());
            type = event.path("type").asText();
        } catch (Exception e) {
            return; // not ours to judge: the meta-writer dead-letters malformed META events
        }
        if (FORWARDED.contains(type)) {
            for (String instance : liveInstances.get()) {
                inboxes.forward(
                        instance,
                        RoutingSubjects.KIND_MEMBERSHIP,
                        channel,
                        message.metaData().streamSequence(),
                        message.getData());
            }
        }
    }
}
