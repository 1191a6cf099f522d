package io.chorus.fanout;

import io.chorus.common.nats.NatsBundle;
import io.chorus.common.routing.RoutingTable;
import io.chorus.fanout.core.Partition;
import io.chorus.fanout.nats.FanoutService;
import io.chorus.common.api.ServerConventions;
import io.dropwizard.core.Application;
import io.dropwizard.core.server.AbstractServerFactory;
import io.dropwizard.core.setup.Bootstrap;
import io.dropwizard.core.setup.Environment;

/** Routes each channel event to the notification instances holding an online member: one publish per instance. */
public class FanoutApplication extends Application<FanoutConfiguration> {
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
        bootstrap.addBundle(nats);
    }

    @Override
    public void run(FanoutConfiguration config, Environment env) {
        ServerConventions.install((AbstractServerFactory) config.getServerFactory(), env);
        env.lifecycle().manage(new FanoutService(nats.connection(), new RoutingTable(),
                new Partition(config.getPartition(), config.getPartitions()), env.getObjectMapper(), env.metrics(),
                config.getRebuildTimeout(), config.getInstanceCheckInterval()));
    }
}
