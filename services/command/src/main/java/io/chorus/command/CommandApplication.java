package io.chorus.command;

import io.chorus.common.nats.ManagedNatsConnection;
import io.chorus.common.nats.NatsHealthCheck;
import io.chorus.common.nats.JetStreamSetup;
import io.chorus.common.api.ApiConventions;
import io.dropwizard.core.Application;
import io.dropwizard.core.server.AbstractServerFactory;
import io.dropwizard.core.setup.Environment;

/** The write side: validates commands and publishes them as events to JetStream. It never writes a database. */
public class CommandApplication extends Application<CommandConfiguration> {
    public static void main(String[] args) throws Exception {
        new CommandApplication().run(args);
    }

    @Override
    public String getName() {
        return "command";
    }

    @Override
    public void run(CommandConfiguration config, Environment env) {
        ApiConventions.install((AbstractServerFactory) config.getServerFactory(), env, config.getAuth().build());
        ManagedNatsConnection nats = config.getNats().build();
        env.lifecycle().manage(nats);
        env.lifecycle().manage(new JetStreamSetup(nats, config.getNats().layout()));
        env.healthChecks().register("nats", new NatsHealthCheck(nats));
    }
}
