package io.chorus.fanout;

import io.chorus.common.nats.JetStreamSetup;
import io.chorus.common.nats.ManagedNatsConnection;
import io.chorus.common.nats.NatsHealthCheck;
import io.chorus.common.routing.RoutingTable;
import io.chorus.fanout.core.Partition;
import io.chorus.fanout.nats.FanoutService;
import io.chorus.common.api.ServerConventions;
import io.dropwizard.core.Application;
import io.dropwizard.core.server.AbstractServerFactory;
import io.dropwizard.core.setup.Environment;

/** Routes each channel event to the notification instances holding an online member: one publish per instance. */
public class FanoutApplication extends Application<FanoutConfiguration> {
    public static void main(String[] args) throws Exception {
        new FanoutApplication().run(args);
    }

    @Override
    public String getName() {
        return "fanout";
    }

    @Override
    public void run(FanoutConfiguration config, Environment env) {
        ServerConventions.install((AbstractServerFactory) config.getServerFactory(), env);
        ManagedNatsConnection nats = config.getNats().build();
        env.lifecycle().manage(nats);
        // the streams and buckets, ensured with retries while a just-started cluster elects its leaders
        env.lifecycle().manage(new JetStreamSetup(nats, config.getNats().layout()));
        env.healthChecks().register("nats", new NatsHealthCheck(nats));
        env.lifecycle().manage(new FanoutService(nats, new RoutingTable(),
                new Partition(config.getPartition(), config.getPartitions()), env.getObjectMapper(), env.metrics(),
                config.getRebuildTimeout(), config.getInstanceCheckInterval()));
    }
}
