package io.chorus.command;

import com.codahale.metrics.Gauge;
import com.codahale.metrics.Timer;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.chorus.command.core.BoundedPermissionCache;
import io.chorus.command.core.ChannelPolicy;
import io.chorus.command.core.EventFactory;
import io.chorus.command.core.MessageAuthorship;
import io.chorus.command.core.SendWindow;
import io.chorus.command.core.TimedPermissionLookups;
import io.chorus.command.core.TimedPermissions;
import io.chorus.command.core.WebhookRules;
import io.chorus.command.nats.DirectGetPermissions;
import io.chorus.command.nats.KvPermissions;
import io.chorus.command.nats.TimedEventSink;
import io.chorus.command.nats.WebhookRegistrations;
import io.chorus.command.resources.AdminImport;
import io.chorus.command.resources.BotCommands;
import io.chorus.command.resources.ChannelCommands;
import io.chorus.command.resources.DeviceCommands;
import io.chorus.command.resources.HookPosts;
import io.chorus.command.resources.IncomingWebhookCommands;
import io.chorus.command.resources.MessageCommands;
import io.chorus.command.resources.NotificationLevelCommands;
import io.chorus.command.resources.SendOutcomes;
import io.chorus.command.resources.UserCommands;
import io.chorus.command.resources.WebhookCommands;
import io.chorus.common.api.ApiConventions;
import io.chorus.common.api.ConnectionAdmission;
import io.chorus.common.api.OpenApiResource;
import io.chorus.common.api.RequestLimits;
import io.chorus.common.api.TokenBuckets;
import io.chorus.common.config.EnvironmentReferences;
import io.chorus.common.metrics.OperatorMetrics;
import io.chorus.common.metrics.PrometheusBundle;
import io.chorus.common.nats.BotAuthentication;
import io.chorus.common.nats.EventPublisher;
import io.chorus.common.nats.IntegrationsBucket;
import io.chorus.common.nats.ManagedNatsConnection;
import io.chorus.common.nats.NatsBundle;
import io.chorus.common.webhook.WebhookTargets;
import io.dropwizard.core.Application;
import io.dropwizard.core.server.AbstractServerFactory;
import io.dropwizard.core.setup.Bootstrap;
import io.dropwizard.core.setup.Environment;
import io.dropwizard.lifecycle.Managed;
import java.time.Clock;
import java.time.Duration;

/** The write side: validates commands and publishes them as events to JetStream. It never writes a database. */
public class CommandApplication extends Application<CommandConfiguration> {
    private final NatsBundle<CommandConfiguration> nats = NatsBundle.ensuringStreams();
    // permission reads on a connection of their own: request threads block on them, and on the publishing
    // connection they would contend with the send-publisher thread for the client's one outgoing queue lock
    private final NatsBundle<CommandConfiguration> permissionNats = NatsBundle.second("command", "permissions");

    public static void main(String[] args) throws Exception {
        new CommandApplication().run(args);
    }

    @Override
    public String getName() {
        return "command";
    }

    @Override
    public void initialize(Bootstrap<CommandConfiguration> bootstrap) {
        EnvironmentReferences.install(bootstrap);
        bootstrap.addBundle(new PrometheusBundle());
        bootstrap.addBundle(nats);
        bootstrap.addBundle(permissionNats);
    }

    @Override
    public void run(CommandConfiguration config, Environment env) {
        ObjectMapper json = env.getObjectMapper();
        BotAuthentication bots = BotAuthentication.wire(
                env.lifecycle(),
                permissionNats.connection()::connection,
                json,
                config.getAuth().build());
        IntegrationsBucket integrations = bots.bucket();
        ApiConventions.install((AbstractServerFactory) config.getServerFactory(), env, bots.bearers());
        // times as ISO-8601 text in events and answers, not epoch numbers
        json.disable(com.fasterxml.jackson.databind.SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
        ManagedNatsConnection permissionReads = permissionNats.connection();
        // answers to sends and to their permission reads are written here, never on the NATS client's own threads
        java.util.concurrent.ExecutorService replies = env.lifecycle()
                .executorService("send-replies")
                .minThreads(2)
                .maxThreads(2)
                .build();
        // two timers each: the check as the send path pays it (cache included), and the bucket reads behind it;
        // the blocking reads (channel commands, edits) and the sends' asynchronous ones (decision 0063) share them
        Timer bucketRoles = env.metrics().timer("permissions.bucket.role");
        Timer bucketKinds = env.metrics().timer("permissions.bucket.kind");
        Timer checkRoles = env.metrics().timer("permissions.check.role");
        Timer checkKinds = env.metrics().timer("permissions.check.kind");
        TimedPermissions bucket = new TimedPermissions(new KvPermissions(permissionReads), bucketRoles, bucketKinds);
        BoundedPermissionCache cache = new BoundedPermissionCache(
                bucket, config.getPermissionCacheBound(), config.getPermissionCacheMaxEntries());
        DirectGetPermissions directGets = new DirectGetPermissions(
                permissionReads, config.getPermissionReadTimeout(), config.getPermissionReadWindow(), replies);
        env.lifecycle().manage(closing(directGets));
        env.metrics().register("permissions.reads-in-flight", (Gauge<Integer>) directGets::inFlight);
        // a create asks the bucket itself whether its channel exists (decision 0100): a cached "no" would be stale,
        // and caching it would answer the creator's next command 404 for up to the bound
        ChannelPolicy policy = new ChannelPolicy(
                new TimedPermissions(cache, checkRoles, checkKinds),
                new TimedPermissionLookups(
                        cache.over(new TimedPermissionLookups(directGets, bucketRoles, bucketKinds)),
                        checkRoles,
                        checkKinds),
                bucket);
        EventFactory events = new EventFactory(json, Clock.systemUTC());
        EventPublisher publisher = new EventPublisher(nats.connection(), json, config.getAckTimeout());

        env.lifecycle()
                .addEventListener(new ConnectionAdmission(
                        config.getMaxConnections(), Duration.ofSeconds(5), Duration.ofSeconds(10)));
        env.jersey().register(new RequestLimits(config.getMaxBodyBytes(), AdminImport.PATH_PREFIX));
        env.jersey().register(config.getRateLimit().build());
        env.jersey().register(new ChannelCommands(policy, events, publisher));
        MessageAuthorship authorship =
                new MessageAuthorship(config.getMessageAuthorKey().getBytes(java.nio.charset.StandardCharsets.UTF_8));
        SendWindow sends = new SendWindow(
                new TimedEventSink(publisher, env.metrics().timer(OperatorMetrics.PUBACK)), config.getSendWindow());
        env.lifecycle().manage(closing(sends));
        env.metrics().register("sends.in-flight", (Gauge<Integer>) sends::inFlight);
        MessageCommands messages =
                new MessageCommands(policy, authorship, events, publisher, sends, replies, nats.connection(), json);
        env.jersey().register(messages);
        env.jersey().register(new IncomingWebhookCommands(policy, integrations, Clock.systemUTC()));
        env.jersey().register(new SendOutcomes(env.metrics()));
        env.jersey()
                .register(new HookPosts(
                        integrations,
                        messages,
                        new TokenBuckets(config.getHookPostsPerSecond(), config.getHookPostsBurst())));
        env.jersey().register(new BotCommands(integrations, Clock.systemUTC()));
        env.jersey().register(new UserCommands(events, publisher));
        env.jersey().register(new DeviceCommands(events, publisher));
        env.jersey().register(new NotificationLevelCommands(events, publisher));
        env.jersey()
                .register(new WebhookCommands(
                        policy,
                        new WebhookRules(new WebhookTargets(config.isWebhooksAllowLoopback())),
                        new WebhookRegistrations(nats.connection()::connection, json),
                        events,
                        publisher));
        env.jersey()
                .register(new AdminImport(
                        events,
                        nats.connection(),
                        json,
                        config.getMaxImportBytes(),
                        config.getImportWindow(),
                        config.getAckTimeout().multipliedBy(10)));
        env.jersey().register(new OpenApiResource("command"));
    }

    /** Closes {@code resource} when the service stops. */
    private static Managed closing(AutoCloseable resource) {
        return new Managed() {
            @Override
            public void stop() throws Exception {
                resource.close();
            }
        };
    }
}
