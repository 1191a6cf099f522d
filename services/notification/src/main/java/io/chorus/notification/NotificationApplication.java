package io.chorus.notification;

import io.chorus.common.nats.ManagedNatsConnection;
import io.chorus.common.nats.NatsHealthCheck;
import io.dropwizard.core.Application;
import io.dropwizard.core.setup.Environment;

/** Holds WebSocket sessions; receives events through exactly one NATS subscription, its instance inbox. */
public class NotificationApplication extends Application<NotificationConfiguration> {
    public static void main(String[] args) throws Exception {
        new NotificationApplication().run(args);
    }

    @Override
    public String getName() {
        return "notification";
    }

    @Override
    public void run(NotificationConfiguration config, Environment env) {
        ManagedNatsConnection nats = config.getNats().build();
        env.lifecycle().manage(nats);
        env.healthChecks().register("nats", new NatsHealthCheck(nats));
    }
}
