package io.chorus.fanout.nats;

import com.codahale.metrics.Counter;
import com.codahale.metrics.Histogram;
import io.chorus.common.events.Subjects;
import io.chorus.common.nats.worker.PullWorker;
import io.chorus.common.routing.RoutingTable;
import io.chorus.fanout.core.Partition;
import io.dropwizard.lifecycle.Managed;
import io.nats.client.Connection;
import io.nats.client.JetStreamApiException;
import io.nats.client.JetStreamManagement;
import io.nats.client.Message;
import io.nats.client.api.AckPolicy;
import io.nats.client.api.ConsumerConfiguration;
import io.nats.client.api.DeliverPolicy;
import java.io.IOException;
import java.time.Duration;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Consumes {@code MESSAGES} in stream order through this partition's durable consumer and publishes each event of
 * a channel it owns exactly once to every interested instance's inbox. Events of other partitions are acked and
 * skipped: every fan-out instance reads the whole stream, which keeps per-channel order without any server-side
 * partitioning (documented in decision 0021). A restarted fan-out resumes after the last acked event.
 */
public class EventRouter implements Managed {

    private final Supplier<Connection> connection;
    private final RoutingTable table;
    private final Partition partition;
    private final InstanceInboxes inboxes;
    private final Histogram publishesPerMessage;
    private final Counter publishes;
    private static final int CONSUMER_NOT_FOUND = 10014;

    private volatile long position;
    private PullWorker loop;

    public EventRouter(
            Supplier<Connection> connection,
            RoutingTable table,
            Partition partition,
            InstanceInboxes inboxes,
            Histogram publishesPerMessage,
            Counter publishes) {
        this.connection = connection;
        this.table = table;
        this.partition = partition;
        this.inboxes = inboxes;
        this.publishesPerMessage = publishesPerMessage;
        this.publishes = publishes;
    }

    /** The last stream sequence routed (or, while one is being routed, that one). */
    public long position() {
        return position;
    }

    public String consumerName() {
        return partition.consumerName("msg");
    }

    @Override
    public void start() throws IOException, JetStreamApiException {
        JetStreamManagement jsm = connection.get().jetStreamManagement();
        ConsumerConfiguration.Builder config = ConsumerConfiguration.builder()
                .durable(consumerName())
                .filterSubject(Subjects.MESSAGES_PREFIX + ">")
                .ackPolicy(AckPolicy.All)
                .deliverPolicy(DeliverPolicy.New)
                .ackWait(Duration.ofSeconds(30))
                .maxAckPending(20_000);
        java.util.OptionalLong floor = ackFloor(jsm);
        if (floor.isPresent()) {
            // A predecessor of this partition died. Events it was handed but never acked (a pull still open when it
            // was killed) would come back only after ackWait, behind later ones: per-channel order broken and a
            // 30 s hole. Start afresh right after its ack floor; what it routed without acking comes again and the
            // instances drop it by sequence.
            jsm.deleteConsumer(Subjects.MESSAGES_STREAM, consumerName());
            config.deliverPolicy(DeliverPolicy.ByStartSequence).startSequence(floor.getAsLong() + 1);
        }
        jsm.addOrUpdateConsumer(Subjects.MESSAGES_STREAM, config.build());
        // the position starts at the ack floor: all earlier events were routed by a previous process, or predate
        // every session (a new consumer starts at "new")
        position = floor.isPresent()
                ? floor.getAsLong()
                : jsm.getConsumerInfo(Subjects.MESSAGES_STREAM, consumerName())
                        .getAckFloor()
                        .getStreamSequence();
        loop = StreamOrderPull.of(connection, Subjects.MESSAGES_STREAM, consumerName(), "event-router", this::route);
        loop.start();
    }

    @Override
    public void stop() throws InterruptedException {
        if (loop != null) {
            loop.stop();
        }
    }

    private void route(Message message) {
        long seq = message.metaData().streamSequence();
        String channel = Partition.channelOf(message.getSubject());
        if (partition.owns(channel)) {
            position = seq; // before reading the routes: see InterestReply
            Set<String> instances = table.instancesFor(channel);
            for (String instance : instances) {
                inboxes.event(instance, channel, seq, message.getData());
            }
            publishesPerMessage.update(instances.size());
            publishes.inc(instances.size());
        } else {
            position = seq;
        }
        message.ack();
    }

    /** The stream sequence this partition's durable consumer has acked up to, if the consumer exists. */
    private java.util.OptionalLong ackFloor(JetStreamManagement jsm) throws IOException, JetStreamApiException {
        try {
            return java.util.OptionalLong.of(jsm.getConsumerInfo(Subjects.MESSAGES_STREAM, consumerName())
                    .getAckFloor()
                    .getStreamSequence());
        } catch (JetStreamApiException e) {
            if (e.getApiErrorCode() == CONSUMER_NOT_FOUND) {
                return java.util.OptionalLong.empty();
            }
            throw e;
        }
    }
}
