package io.chorus.fanout;

import com.codahale.metrics.Gauge;
import com.codahale.metrics.Histogram;
import com.codahale.metrics.MetricRegistry;
import com.codahale.metrics.SlidingTimeWindowArrayReservoir;
import io.chorus.common.api.ServerConventions;
import io.chorus.common.config.EnvironmentReferences;
import io.chorus.common.events.Subjects;
import io.chorus.common.metrics.OperatorMetrics;
import io.chorus.common.metrics.PrometheusBundle;
import io.chorus.common.nats.NatsBundle;
import io.chorus.common.routing.RoutingTable;
import io.chorus.fanout.core.DeltaIntake;
import io.chorus.fanout.core.Partition;
import io.chorus.fanout.nats.ConsumerLag;
import io.chorus.fanout.nats.EventRouter;
import io.chorus.fanout.nats.InstanceInboxes;
import io.chorus.fanout.nats.InstanceWatch;
import io.chorus.fanout.nats.InterestListener;
import io.chorus.fanout.nats.MembershipForwarder;
import io.chorus.fanout.nats.ReadForwarder;
import io.chorus.fanout.nats.RoutingTableRebuild;
import io.chorus.fanout.nats.TypingForwarder;
import io.dropwizard.core.Application;
import io.dropwizard.core.server.AbstractServerFactory;
import io.dropwizard.core.setup.Bootstrap;
import io.dropwizard.core.setup.Environment;
import io.nats.client.Connection;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Routes each channel event to the notification instances holding an online member: one publish per instance. */
public class FanoutApplication extends Application<FanoutConfiguration> {
    private static final Logger LOG = LoggerFactory.getLogger(FanoutApplication.class);
    private final NatsBundle<FanoutConfiguration> nats = NatsBundle.ensuringStreams();

    public static void main(String[] args) throws Exception {
        new FanoutApplication().run(args);
    }

    @Override
    public String getName() {
        return "fanout";
    }

    @Override
    public void initialize(Bootstrap<FanoutConfiguration> bootstrap) {
        EnvironmentReferences.install(bootstrap);
        bootstrap.addBundle(new PrometheusBundle());
        bootstrap.addBundle(nats);
    }

    @Override
    public void run(FanoutConfiguration config, Environment env) {
        ServerConventions.install((AbstractServerFactory) config.getServerFactory(), env);
        Supplier<Connection> connection = nats.connection()::connection;
        RoutingTable table = new RoutingTable();
        Partition partition = new Partition(config.getPartition(), config.getPartitions());
        InstanceInboxes inboxes = new InstanceInboxes(connection, partition);
        EventRouter router = router(connection, table, partition, inboxes, env.metrics());
        InterestListener listener = new InterestListener(
                connection, table, partition, inboxes, router::position, env.getObjectMapper(), intake(config));
        InstanceWatch watch = new InstanceWatch(
                connection,
                table,
                partition,
                inboxes,
                listener,
                env.getObjectMapper(),
                config.getInstanceCheckInterval(),
                env.lifecycle()
                        .scheduledExecutorService("instance-watch")
                        .threads(1)
                        .build());
        ConsumerLag lag = new ConsumerLag(
                connection,
                router.consumerName(),
                env.lifecycle()
                        .scheduledExecutorService("consumer-lag")
                        .threads(1)
                        .build());

        // started in this order, stopped in reverse: the table is rebuilt before routing begins
        env.lifecycle()
                .manage(new RoutingTableRebuild(
                        listener,
                        watch,
                        new TypingForwarder(connection, table, partition, inboxes),
                        config.getRebuildTimeout()));
        env.lifecycle().manage(router);
        env.lifecycle()
                .manage(new MembershipForwarder(connection, partition, inboxes, watch::live, env.getObjectMapper()));
        env.lifecycle().manage(new ReadForwarder(connection, table, partition, inboxes, env.getObjectMapper()));
        env.lifecycle().manage(watch);
        env.lifecycle().manage(lag);
        env.metrics().register("fanout.routing-table.channels", (Gauge<Integer>) table::channelCount);
        env.metrics().register("fanout.routing-table.routes", (Gauge<Long>) table::routeCount);
        env.metrics().register("fanout.consumer-lag", (Gauge<Long>) lag::value);
        env.metrics()
                .register(OperatorMetrics.consumerLag(Subjects.MESSAGES_STREAM, router.consumerName()), (Gauge<Long>)
                        lag::value);
    }

    /** What reaches the routing table: every delta, unless a test planted a bug (decision 0242). */
    private static DeltaIntake intake(FanoutConfiguration config) {
        DeltaIntake intake = new DeltaIntake(config.plantedBug());
        if (intake.dropsDeltas()) {
            LOG.warn("planted bug drop-interest-delta: the first interest delta of each instance is dropped; "
                    + "this fan-out is for tests of harness explore only");
        }
        return intake;
    }

    /** The router and its metrics: publishes per message (last minute) and every inbox publish since start. */
    private static EventRouter router(
            Supplier<Connection> connection,
            RoutingTable table,
            Partition partition,
            InstanceInboxes inboxes,
            MetricRegistry metrics) {
        return new EventRouter(
                connection,
                table,
                partition,
                inboxes,
                metrics.register(
                        "fanout.publishes-per-message",
                        new Histogram(new SlidingTimeWindowArrayReservoir(1, TimeUnit.MINUTES))),
                // the harness samples it at a run's start and end (decision 0034)
                metrics.counter("fanout.publishes"));
    }
}
