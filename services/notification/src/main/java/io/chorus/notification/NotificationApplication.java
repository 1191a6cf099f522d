package io.chorus.notification;

import io.chorus.common.api.ServerConventions;
import io.chorus.common.mongo.ManagedMongoClient;
import io.chorus.common.mongo.MongoHealthCheck;
import io.chorus.common.nats.JetStreamSetup;
import io.chorus.common.nats.ManagedNatsConnection;
import io.chorus.common.nats.NatsHealthCheck;
import io.chorus.common.routing.LocalIndex;
import io.chorus.notification.core.LiveSession;
import io.chorus.notification.core.UserSockets;
import io.chorus.notification.nats.NotificationService;
import io.chorus.notification.resources.EventSocket;
import io.dropwizard.core.Application;
import io.dropwizard.core.server.AbstractServerFactory;
import io.dropwizard.core.setup.Environment;
import jakarta.websocket.server.ServerEndpointConfig;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledExecutorService;
import org.eclipse.jetty.ee10.websocket.jakarta.server.config.JakartaWebSocketServletContainerInitializer;

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
        // JSON errors; /v1/ws?token=<JWT>: the token must never reach the request log
        ServerConventions.install((AbstractServerFactory) config.getServerFactory(), env);
        ManagedNatsConnection nats = config.getNats().build();
        ManagedMongoClient mongo = config.getMongo().build();
        env.lifecycle().manage(nats);
        // the streams and buckets, ensured with retries while a just-started cluster elects its leaders
        env.lifecycle().manage(new JetStreamSetup(nats, config.getNats().layout()));
        env.lifecycle().manage(mongo);
        env.healthChecks().register("nats", new NatsHealthCheck(nats));
        env.healthChecks().register("mongo", new MongoHealthCheck(mongo));

        NotificationService service = new NotificationService(config, nats, mongo, new LocalIndex<LiveSession>(),
                env.getObjectMapper());
        env.lifecycle().manage(service);
        ExecutorService setup = env.lifecycle().executorService("session-setup-%d")
                .minThreads(config.getWebsocket().getSetupThreads()).maxThreads(config.getWebsocket().getSetupThreads())
                .build();
        // a socket's token-expiry close is cancelled when the socket goes first: dropped from the queue at once, or
        // every reconnect would leave one behind for the rest of its token's lifetime
        ScheduledExecutorService timers = env.lifecycle().scheduledExecutorService("socket-timers-%d").threads(1)
                .removeOnCancelPolicy(true).build();
        EventSocket.Shared shared = new EventSocket.Shared(config.getAuth().build(), service::lifecycle,
                env.getObjectMapper(), setup, timers, config.getWebsocket().getMaxFrameBytes(),
                config.getWebsocket().getIdleTimeout(), config.getWebsocket().getAuthTimeout(),
                config.getWebsocket().getOutboundFrames(), config.getWebsocket().getOutboundBytes(),
                config.getWebsocket().typingLimits(),
                new UserSockets(config.getWebsocket().getMaxSocketsPerUser()), config.getWebsocket().awaitingAuth());
        JakartaWebSocketServletContainerInitializer.configure(env.getApplicationContext(), (context, container) ->
                container.addEndpoint(ServerEndpointConfig.Builder.create(EventSocket.class, "/v1/ws")
                        .configurator(new ServerEndpointConfig.Configurator() {
                            @Override
                            public <T> T getEndpointInstance(Class<T> endpoint) {
                                return endpoint.cast(new EventSocket(shared));
                            }
                        }).build()));
    }
}
