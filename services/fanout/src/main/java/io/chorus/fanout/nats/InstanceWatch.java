package io.chorus.fanout.nats;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.chorus.common.events.Subjects;
import io.chorus.common.nats.JetStreamLayout;
import io.chorus.common.routing.InstanceHeartbeat;
import io.chorus.common.routing.RoutingTable;
import io.chorus.fanout.core.Partition;
import io.dropwizard.lifecycle.Managed;
import io.nats.client.Connection;
import io.nats.client.ConnectionListener;
import io.nats.client.KeyValue;
import io.nats.client.api.KeyValueEntry;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the routing table in step with the live notification instances, read from the {@code instances} KV
 * (heartbeats with a TTL): on a cold start it asks every live instance to re-announce and waits for them; then,
 * every interval, it drops instances whose heartbeat expired, and asks for a re-announce from any instance whose
 * heartbeat names a delta sequence number the table has not seen (a lost last delta) or that it does not know.
 * An instance it dropped and then sees heartbeating again (it was paused, or cut off from NATS for longer than the
 * heartbeat TTL) is asked to re-announce as {@code readmitted}: events of its channels were not routed to it while
 * it was out of the table, so its sessions must resume (decision 0057).
 */
public class InstanceWatch implements Managed {
    private static final Logger LOG = LoggerFactory.getLogger(InstanceWatch.class);

    private final Supplier<Connection> connection;
    private final RoutingTable table;
    private final Partition partition;
    private final InstanceInboxes inboxes;
    private final InterestListener listener;
    private final ObjectMapper json;
    private final Duration interval;
    private final ScheduledExecutorService timer;
    private ScheduledFuture<?> checks;
    private final Map<String, Instant> asked = new HashMap<>();
    private final Set<String> dropped = new java.util.HashSet<>();
    private volatile Set<String> live = Set.of();
    /** Until then a missing heartbeat is not taken for a dead instance (see {@link #backboneTrouble}). */
    private volatile Instant keepInstancesUntil = Instant.MIN;

    /** @param timer the thread that runs the checks, every {@code interval} */
    public InstanceWatch(
            Supplier<Connection> connection,
            RoutingTable table,
            Partition partition,
            InstanceInboxes inboxes,
            InterestListener listener,
            ObjectMapper json,
            Duration interval,
            ScheduledExecutorService timer) {
        this.connection = connection;
        this.table = table;
        this.partition = partition;
        this.inboxes = inboxes;
        this.listener = listener;
        this.json = json;
        this.interval = interval;
        this.timer = timer;
    }

    /** Instances with a live heartbeat, as of the last check. */
    public Collection<String> live() {
        return live;
    }

    /** Cold start: every live instance re-announces; returns when all did, or at the timeout. */
    public void rebuild(Duration timeout) throws Exception {
        Map<String, InstanceHeartbeat> beats = heartbeats();
        live = Set.copyOf(beats.keySet());
        beats.keySet().forEach(inboxes::requestReannounce);
        Instant deadline = Instant.now().plus(timeout);
        while (!listener.resetSeen().containsAll(beats.keySet())
                && Instant.now().isBefore(deadline)) {
            Thread.sleep(20);
        }
        LOG.info(
                "routing table rebuilt from {} of {} live instances: {} channels, {} routes",
                beats.keySet().stream().filter(listener.resetSeen()::contains).count(),
                beats.size(),
                table.channelCount(),
                table.routeCount());
    }

    @Override
    public void start() {
        connection.get().addConnectionListener((conn, event) -> {
            if (event == ConnectionListener.Events.DISCONNECTED || event == ConnectionListener.Events.RECONNECTED) {
                backboneTrouble();
            }
        });
        checks = timer.scheduleWithFixedDelay(
                this::check, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public void stop() {
        if (checks != null) {
            checks.cancel(true);
        }
    }

    private void check() {
        try {
            Map<String, InstanceHeartbeat> beats = heartbeats();
            live = Set.copyOf(beats.keySet());
            boolean keep = Instant.now().isBefore(keepInstancesUntil);
            for (String known : table.instances()) {
                if (!beats.containsKey(known) && keep) {
                    LOG.info(
                            "instance {} has no heartbeat, kept in the routing table until {}: the backbone was in "
                                    + "trouble, its heartbeat may have failed with ours",
                            known,
                            keepInstancesUntil);
                } else if (!beats.containsKey(known)) {
                    LOG.info("instance {} stopped heartbeating: dropped from the routing table", known);
                    table.dropInstance(known);
                    dropped.add(known);
                }
            }
            for (InstanceHeartbeat beat : beats.values()) {
                if (dropped.remove(beat.instanceId())) {
                    LOG.info(
                            "instance {} heartbeats again after it was dropped: asking it to re-announce and "
                                    + "resume its sessions",
                            beat.instanceId());
                    asked.put(beat.instanceId(), Instant.now());
                    inboxes.requestReannounce(beat.instanceId(), true);
                    continue;
                }
                List<Long> seqs = beat.seqs();
                long announced = seqs != null && seqs.size() > partition.index() ? seqs.get(partition.index()) : 0;
                boolean behind = table.lastSeq(beat.instanceId()) < announced;
                if (behind && recentlyAsked(beat.instanceId())) {
                    continue;
                }
                if (behind) {
                    LOG.info(
                            "instance {} announced seq {} but the table has {}: asking for a re-announce",
                            beat.instanceId(),
                            announced,
                            table.lastSeq(beat.instanceId()));
                    asked.put(beat.instanceId(), Instant.now());
                    inboxes.requestReannounce(beat.instanceId());
                }
            }
        } catch (Exception e) {
            LOG.warn("instance check failed: {}", e.toString());
            backboneTrouble();
        }
    }

    /**
     * The {@code instances} KV could not be read, or this connection moved to another NATS node: a NATS node is being
     * lost or its streams' leaders re-elected, and the instances' heartbeat writes are likely failing just as our
     * reads did. Their entries then expire (TTL {@link JetStreamLayout#INSTANCES_TTL}) though the instances are alive
     * and still receive their inboxes; dropping their routes would silently cut their sockets off until they announce
     * again (seen in nats-fault.yaml: 8 messages missed by every socket). So missing heartbeats are not believed for
     * one TTL and one check after the trouble: a live instance has written again by then (it beats every 2 s), a dead
     * one is dropped a few seconds later than otherwise, which costs only publishes to an inbox nobody reads.
     */
    private void backboneTrouble() {
        keepInstancesUntil = Instant.now().plus(JetStreamLayout.INSTANCES_TTL).plus(interval);
    }

    /** A re-announce takes a moment to arrive: do not ask again on every tick meanwhile. */
    private boolean recentlyAsked(String instance) {
        Instant at = asked.get(instance);
        return at != null && at.plus(interval.multipliedBy(3)).isAfter(Instant.now());
    }

    private Map<String, InstanceHeartbeat> heartbeats() throws Exception {
        KeyValue kv = connection.get().keyValue(Subjects.INSTANCES_BUCKET);
        Map<String, InstanceHeartbeat> beats = new HashMap<>();
        for (String key : kv.keys()) {
            KeyValueEntry entry = kv.get(key);
            if (entry != null && entry.getValue() != null) {
                try {
                    beats.put(key, json.readValue(entry.getValue(), InstanceHeartbeat.class));
                } catch (Exception e) {
                    LOG.warn("unreadable heartbeat of {}: {}", key, e.getMessage());
                }
            }
        }
        return beats;
    }
}
