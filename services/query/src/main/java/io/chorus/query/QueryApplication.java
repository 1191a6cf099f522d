package io.chorus.query;

import io.chorus.common.api.ApiConventions;
import io.chorus.common.api.ConnectionAdmission;
import io.chorus.common.api.OpenApiResource;
import io.chorus.common.cassandra.CassandraBundle;
import io.chorus.common.config.EnvironmentReferences;
import io.chorus.common.elasticsearch.ElasticsearchBundle;
import io.chorus.common.metrics.PrometheusBundle;
import io.chorus.common.mongo.MongoBundle;
import io.chorus.common.nats.BotAuthentication;
import io.chorus.common.nats.NatsBundle;
import io.chorus.common.paging.CursorSigner;
import io.chorus.query.core.SearchCursorSeal;
import io.chorus.query.db.DeviceReads;
import io.chorus.query.db.MembershipDirectory;
import io.chorus.query.db.MessageHistory;
import io.chorus.query.db.MessageSearchIndex;
import io.chorus.query.db.MetadataReads;
import io.chorus.query.db.ReactionReads;
import io.chorus.query.db.WebhookReads;
import io.chorus.query.nats.KvMemberships;
import io.chorus.query.nats.PresenceReads;
import io.chorus.query.nats.WebhookFailureReads;
import io.chorus.query.resources.ChannelMessagesResource;
import io.chorus.query.resources.DeviceQueries;
import io.chorus.query.resources.MetadataQueries;
import io.chorus.query.resources.PresenceQueries;
import io.chorus.query.resources.SearchResource;
import io.chorus.query.resources.WebhookFailureQueries;
import io.chorus.query.resources.WebhookQueries;
import io.dropwizard.core.Application;
import io.dropwizard.core.server.AbstractServerFactory;
import io.dropwizard.core.setup.Bootstrap;
import io.dropwizard.core.setup.Environment;
import java.time.Duration;

/** The read side: history from Cassandra, metadata from MongoDB, search from Elasticsearch. */
public class QueryApplication extends Application<QueryConfiguration> {
    // reads only: the streams and buckets are the writers' to ensure
    private final NatsBundle<QueryConfiguration> nats = NatsBundle.connectionOnly();
    private final CassandraBundle<QueryConfiguration> cassandra = new CassandraBundle<>();
    private final MongoBundle<QueryConfiguration> mongo = new MongoBundle<>();
    private final ElasticsearchBundle<QueryConfiguration> elasticsearch = new ElasticsearchBundle<>();

    public static void main(String[] args) throws Exception {
        new QueryApplication().run(args);
    }

    @Override
    public String getName() {
        return "query";
    }

    @Override
    public void initialize(Bootstrap<QueryConfiguration> bootstrap) {
        EnvironmentReferences.install(bootstrap);
        bootstrap.addBundle(new PrometheusBundle());
        bootstrap.addBundle(nats);
        bootstrap.addBundle(cassandra);
        bootstrap.addBundle(mongo);
        bootstrap.addBundle(elasticsearch);
    }

    @Override
    public void run(QueryConfiguration config, Environment env) {
        // bots' API tokens beside users' JWTs (decision 0216)
        BotAuthentication bots = BotAuthentication.wire(
                env.lifecycle(),
                nats.connection()::connection,
                env.getObjectMapper(),
                config.getAuth().build());
        ApiConventions.install((AbstractServerFactory) config.getServerFactory(), env, bots.bearers());
        // times as ISO-8601 text, not epoch numbers
        env.getObjectMapper().disable(com.fasterxml.jackson.databind.SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
        env.lifecycle()
                .addEventListener(new ConnectionAdmission(
                        config.getMaxConnections(), Duration.ofSeconds(5), Duration.ofSeconds(10)));
        env.jersey().register(config.getRateLimit().build());
        // reads check memberships where the send path does: the permissions KV (decision 0043)
        KvMemberships permissions = new KvMemberships(
                nats.connection(),
                env.lifecycle()
                        .executorService("permissions-get-%d")
                        .minThreads(KvMemberships.PARALLEL_GETS)
                        .maxThreads(KvMemberships.PARALLEL_GETS)
                        .build());
        env.jersey()
                .register(new SearchResource(
                        new MembershipDirectory(mongo.connection()),
                        permissions,
                        new MessageSearchIndex(elasticsearch.connection()),
                        new SearchCursorSeal(
                                config.getSearchCursorKey().getBytes(java.nio.charset.StandardCharsets.UTF_8))));
        MessageHistory history = new MessageHistory(cassandra.connection()::session);
        env.jersey()
                .register(new ChannelMessagesResource(
                        history, new ReactionReads(cassandra.connection()::session), permissions));
        env.jersey()
                .register(new WebhookQueries(
                        new WebhookReads(mongo.connection()), new MetadataReads(mongo.connection())));
        env.jersey()
                .register(new WebhookFailureQueries(
                        new WebhookReads(mongo.connection()),
                        new MetadataReads(mongo.connection()),
                        new WebhookFailureReads(nats.connection(), env.getObjectMapper())));
        env.jersey()
                .register(new MetadataQueries(
                        new MetadataReads(mongo.connection()), history, new CursorSigner(config.getPageCursorKey())));
        env.jersey().register(new PresenceQueries(new PresenceReads(nats.connection())));
        env.jersey().register(new DeviceQueries(new DeviceReads(mongo.connection())));
        env.jersey().register(new OpenApiResource("query"));
    }
}
