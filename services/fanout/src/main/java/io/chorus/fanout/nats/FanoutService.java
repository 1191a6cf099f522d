package io.chorus.fanout.nats;

import com.codahale.metrics.Gauge;
import com.codahale.metrics.MetricRegistry;
import com.codahale.metrics.SlidingTimeWindowArrayReservoir;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.chorus.common.events.Subjects;
import io.chorus.common.nats.ManagedNatsConnection;
import io.chorus.common.routing.RoutingTable;
import io.chorus.fanout.core.Partition;
import io.dropwizard.lifecycle.Managed;
import io.nats.client.Connection;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The fan-out's start-up order: streams exist, interest listening starts, the table is rebuilt from the live
 * instances, and only then does routing begin (so a restarted fan-out does not route its backlog to an empty
 * table). Registers the metrics: publishes per message, publishes in all, routing-table size, consumer lag.
 */
public class FanoutService implements Managed {
    private final ManagedNatsConnection nats;
    private final RoutingTable table;
    private final Partition partition;
    private final ObjectMapper json;
    private final MetricRegistry metrics;
    private final Duration rebuildTimeout;
    private final Duration checkInterval;
    private final AtomicLong lag = new AtomicLong();
    private EventRouter router;
    private MembershipForwarder memberships;
    private InstanceWatch watch;

    public FanoutService(ManagedNatsConnection nats, RoutingTable table, Partition partition, ObjectMapper json,
                         MetricRegistry metrics, Duration rebuildTimeout, Duration checkInterval) {
        this.nats = nats;
        this.table = table;
        this.partition = partition;
        this.json = json;
        this.metrics = metrics;
        this.rebuildTimeout = rebuildTimeout;
        this.checkInterval = checkInterval;
    }

    @Override
    public void start() throws Exception {
        Connection connection = nats.connection();
        InstanceInboxes inboxes = new InstanceInboxes(connection, partition);
        router = new EventRouter(connection, table, partition, inboxes, metrics.register("fanout.publishes-per-message",
                new com.codahale.metrics.Histogram(new SlidingTimeWindowArrayReservoir(1, TimeUnit.MINUTES))),
                // every inbox publish since start: the harness samples it at a run's start and end (decision 0034)
                metrics.counter("fanout.publishes"));
        InterestListener listener = new InterestListener(connection, table, partition, inboxes, router::position, json);
        watch = new InstanceWatch(connection, table, partition, inboxes, listener, json, checkInterval);
        memberships = new MembershipForwarder(connection, partition, inboxes, watch::live, json);
        metrics.register("fanout.routing-table.channels", (Gauge<Integer>) table::channelCount);
        metrics.register("fanout.routing-table.routes", (Gauge<Long>) table::routeCount);
        metrics.register("fanout.consumer-lag", (Gauge<Long>) lag::get);

        listener.start();
        watch.rebuild(rebuildTimeout);
        new TypingForwarder(connection, table, partition, inboxes).start();
        router.start();
        memberships.start();
        watch.start();
        startLagProbe(connection);
    }

    /** Consumer lag: events in the stream this partition's consumer has not yet routed (numPending + unacked). */
    private void startLagProbe(Connection connection) {
        Thread probe = new Thread(() -> {
            while (!Thread.currentThread().isInterrupted()) {
                try {
                    var info = connection.jetStreamManagement().getConsumerInfo(Subjects.MESSAGES_STREAM,
                            router.consumerName());
                    lag.set(info.getNumPending() + info.getNumAckPending());
                    Thread.sleep(2_000);
                } catch (InterruptedException e) {
                    return;
                } catch (Exception e) {
                    try {
                        Thread.sleep(2_000);
                    } catch (InterruptedException interrupted) {
                        return;
                    }
                }
            }
        }, "consumer-lag");
        probe.setDaemon(true);
        probe.start();
    }

    @Override
    public void stop() throws Exception {
        if (watch != null) {
            watch.stop();
        }
        if (memberships != null) {
            memberships.stop();
        }
        if (router != null) {
            router.stop();
        }
    }
}
