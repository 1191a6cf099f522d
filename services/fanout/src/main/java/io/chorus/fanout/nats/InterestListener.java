package io.chorus.fanout.nats;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.chorus.common.routing.InterestDelta;
import io.chorus.common.routing.InterestReply;
import io.chorus.common.routing.RoutingSubjects;
import io.chorus.common.routing.RoutingTable;
import io.chorus.fanout.core.DeltaIntake;
import io.chorus.fanout.core.Partition;
import io.nats.client.Connection;
import io.nats.client.Dispatcher;
import io.nats.client.Message;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies the interest deltas notification instances send to this partition ({@code fanout.interest.<N>}) and
 * answers each with the routing position, so the instance knows from which stream sequence on the delta is in
 * force. A gap in an instance's sequence numbers triggers a full re-announce.
 */
public class InterestListener {
    private static final Logger LOG = LoggerFactory.getLogger(InterestListener.class);

    private final Supplier<Connection> connection;
    private final RoutingTable table;
    private final Partition partition;
    private final InstanceInboxes inboxes;
    private final LongSupplier position;
    private final ObjectMapper json;
    private final DeltaIntake intake;
    private final Set<String> resetSeen = ConcurrentHashMap.newKeySet();

    public InterestListener(
            Supplier<Connection> connection,
            RoutingTable table,
            Partition partition,
            InstanceInboxes inboxes,
            LongSupplier position,
            ObjectMapper json,
            DeltaIntake intake) {
        this.connection = connection;
        this.table = table;
        this.partition = partition;
        this.inboxes = inboxes;
        this.position = position;
        this.json = json;
        this.intake = intake;
    }

    public void start() {
        Dispatcher dispatcher = connection.get().createDispatcher(this::onDelta);
        dispatcher.subscribe(RoutingSubjects.interest(partition.index()));
    }

    /** Instances whose full re-announce (a reset delta) has arrived since start. */
    public Set<String> resetSeen() {
        return resetSeen;
    }

    private void onDelta(Message message) {
        InterestDelta delta;
        try {
            delta = json.readValue(message.getData(), InterestDelta.class);
        } catch (Exception e) {
            LOG.warn("ignoring malformed interest delta: {}", e.getMessage());
            return;
        }
        if (delta.partition() != partition.index() || delta.instanceId() == null) {
            LOG.warn("ignoring delta for partition {} from {}", delta.partition(), delta.instanceId());
            return;
        }
        if (intake.applies(delta)) {
            apply(delta);
        } else {
            LOG.warn("planted bug drop-interest-delta: delta {} of {} dropped", delta.seq(), delta.instanceId());
        }
        if (message.getReplyTo() != null) {
            try {
                connection
                        .get()
                        .publish(
                                message.getReplyTo(),
                                json.writeValueAsBytes(new InterestReply(partition.index(), position.getAsLong())));
            } catch (Exception e) {
                LOG.warn("cannot answer delta: {}", e.toString());
            }
        }
    }

    private void apply(InterestDelta delta) {
        RoutingTable.Applied applied = table.apply(delta);
        if (delta.reset()) {
            resetSeen.add(delta.instanceId());
        }
        if (applied == RoutingTable.Applied.GAP) {
            LOG.info(
                    "interest delta gap from {} (seq {}): asking for a full re-announce",
                    delta.instanceId(),
                    delta.seq());
            inboxes.requestReannounce(delta.instanceId());
        }
    }
}
