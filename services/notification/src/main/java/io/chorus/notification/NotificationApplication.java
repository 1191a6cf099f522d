package io.chorus.notification;

import com.codahale.metrics.Gauge;
import io.chorus.common.api.ServerConventions;
import io.chorus.common.config.EnvironmentReferences;
import io.chorus.common.metrics.OperatorMetrics;
import io.chorus.common.metrics.PrometheusBundle;
import io.chorus.common.mongo.MongoBundle;
import io.chorus.common.nats.BotAuthentication;
import io.chorus.common.nats.NatsBundle;
import io.chorus.common.routing.LocalIndex;
import io.chorus.notification.core.LiveSession;
import io.chorus.notification.core.OpenQueues;
import io.chorus.notification.core.TokenSockets;
import io.chorus.notification.core.UserSockets;
import io.chorus.notification.nats.NotificationService;
import io.chorus.notification.resources.EventSocket;
import io.dropwizard.core.Application;
import io.dropwizard.core.server.AbstractServerFactory;
import io.dropwizard.core.setup.Bootstrap;
import io.dropwizard.core.setup.Environment;
import jakarta.websocket.server.ServerEndpointConfig;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledExecutorService;
import org.eclipse.jetty.ee10.websocket.jakarta.server.config.JakartaWebSocketServletContainerInitializer;

/** Holds WebSocket sessions; receives events through exactly one NATS subscription, its instance inbox. */
public class NotificationApplication extends Application<NotificationConfiguration> {
    private final NatsBundle<NotificationConfiguration> nats = NatsBundle.ensuringStreams();
    private final MongoBundle<NotificationConfiguration> mongo = new MongoBundle<>();

    public static void main(String[] args) throws Exception {
        new NotificationApplication().run(args);
    }

    @Override
    public String getName() {
        return "notification";
    }

    @Override
    public void initialize(Bootstrap<NotificationConfiguration> bootstrap) {
        EnvironmentReferences.install(bootstrap);
        bootstrap.addBundle(new PrometheusBundle());
        bootstrap.addBundle(nats);
        bootstrap.addBundle(mongo);
    }

    @Override
    public void run(NotificationConfiguration config, Environment env) {
        // JSON errors; /v1/ws?token=<JWT>: the token must never reach the request log
        ServerConventions.install((AbstractServerFactory) config.getServerFactory(), env);
        NotificationService service = new NotificationService(
                config, nats.connection(), mongo.connection(), new LocalIndex<LiveSession>(), env.getObjectMapper());
        env.lifecycle().manage(service);
        ExecutorService setup = env.lifecycle()
                .executorService("session-setup-%d")
                .minThreads(config.getWebsocket().getSetupThreads())
                .maxThreads(config.getWebsocket().getSetupThreads())
                .build();
        // a socket's token-expiry close is cancelled when the socket goes first: dropped from the queue at once, or
        // every reconnect would leave one behind for the rest of its token's lifetime
        ScheduledExecutorService timers = env.lifecycle()
                .scheduledExecutorService("socket-timers-%d")
                .threads(1)
                .removeOnCancelPolicy(true)
                .build();
        // bots' API tokens beside users' JWTs; a revoked token's open sockets are closed (decision 0216)
        BotAuthentication bots = BotAuthentication.wire(
                env.lifecycle(),
                nats.connection()::connection,
                env.getObjectMapper(),
                config.getAuth().build());
        TokenSockets tokenSockets = new TokenSockets();
        bots.revocations().onRevoked(tokenSockets::revoked);
        UserSockets userSockets = new UserSockets(config.getWebsocket().getMaxSocketsPerUser());
        OpenQueues queues = new OpenQueues();
        EventSocket.Shared shared = new EventSocket.Shared(
                bots.bearers(),
                service::lifecycle,
                env.getObjectMapper(),
                setup,
                timers,
                config.getWebsocket().getMaxFrameBytes(),
                config.getWebsocket().getIdleTimeout(),
                config.getWebsocket().getAuthTimeout(),
                config.getWebsocket().getOutboundFrames(),
                config.getWebsocket().getOutboundBytes(),
                config.getWebsocket().typingLimits(),
                userSockets,
                config.getWebsocket().awaitingAuth(),
                tokenSockets,
                queues);
        env.metrics().register(OperatorMetrics.SESSIONS, (Gauge<Integer>) userSockets::total);
        env.metrics().register(OperatorMetrics.OUTBOUND_WAITING, (Gauge<Long>) queues::waiting);
        env.metrics().register(OperatorMetrics.OUTBOUND_DEEPEST, (Gauge<Integer>) queues::deepest);
        JakartaWebSocketServletContainerInitializer.configure(
                env.getApplicationContext(),
                (context, container) ->
                        container.addEndpoint(ServerEndpointConfig.Builder.create(EventSocket.class, "/v1/ws")
                                .configurator(new ServerEndpointConfig.Configurator() {
                                    @Override
                                    public <T> T getEndpointInstance(Class<T> endpoint) {
                                        return endpoint.cast(new EventSocket(shared));
                                    }
                                })
                                .build()));
    }
}
