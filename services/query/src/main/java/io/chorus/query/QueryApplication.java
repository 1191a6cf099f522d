package io.chorus.query;

import io.chorus.common.cassandra.CassandraHealthCheck;
import io.chorus.common.cassandra.ManagedCqlSession;
import io.chorus.common.elasticsearch.ElasticsearchHealthCheck;
import io.chorus.common.elasticsearch.ManagedElasticsearchClient;
import io.chorus.common.mongo.ManagedMongoClient;
import io.chorus.common.mongo.MongoHealthCheck;
import io.chorus.common.nats.ManagedNatsConnection;
import io.chorus.common.nats.NatsHealthCheck;
import io.chorus.common.api.ApiConventions;
import io.chorus.common.api.ConnectionAdmission;
import io.chorus.common.paging.CursorSigner;
import io.chorus.query.core.SearchCursorSeal;
import io.chorus.query.db.MembershipDirectory;
import io.chorus.query.db.MessageSearchIndex;
import io.chorus.query.nats.KvMemberships;
import io.chorus.query.resources.SearchResource;
import io.chorus.query.db.MessageHistory;
import io.chorus.query.resources.ChannelMessagesResource;
import io.chorus.common.api.OpenApiResource;
import io.chorus.query.db.MetadataReads;
import io.chorus.query.resources.MetadataQueries;
import io.dropwizard.core.Application;
import io.dropwizard.core.server.AbstractServerFactory;
import io.dropwizard.core.setup.Environment;
import java.time.Duration;

/** The read side: history from Cassandra, metadata from MongoDB, search from Elasticsearch. */
public class QueryApplication extends Application<QueryConfiguration> {
    public static void main(String[] args) throws Exception {
        new QueryApplication().run(args);
    }

    @Override
    public String getName() {
        return "query";
    }

    @Override
    public void run(QueryConfiguration config, Environment env) {
        ApiConventions.install((AbstractServerFactory) config.getServerFactory(), env, config.getAuth().build());
        // times as ISO-8601 text, not epoch numbers
        env.getObjectMapper().disable(com.fasterxml.jackson.databind.SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
        ManagedNatsConnection nats = config.getNats().build();
        ManagedCqlSession cassandra = config.getCassandra().build();
        ManagedMongoClient mongo = config.getMongo().build();
        ManagedElasticsearchClient elasticsearch = config.getElasticsearch().build();

        env.lifecycle().manage(nats);
        env.lifecycle().manage(cassandra);
        env.lifecycle().manage(mongo);
        env.lifecycle().manage(elasticsearch);

        env.healthChecks().register("nats", new NatsHealthCheck(nats));
        env.healthChecks().register("cassandra", new CassandraHealthCheck(cassandra));
        env.healthChecks().register("mongo", new MongoHealthCheck(mongo));
        env.healthChecks().register("elasticsearch", new ElasticsearchHealthCheck(elasticsearch));

        env.lifecycle().addEventListener(new ConnectionAdmission(config.getMaxConnections(), Duration.ofSeconds(5),
                Duration.ofSeconds(10)));
        env.jersey().register(config.getRateLimit().build());
        // reads check memberships where the send path does: the permissions KV (decision 0043)
        KvMemberships permissions = new KvMemberships(nats);
        env.jersey().register(new SearchResource(new MembershipDirectory(mongo), permissions,
                new MessageSearchIndex(elasticsearch), new SearchCursorSeal(
                        config.getSearchCursorKey().getBytes(java.nio.charset.StandardCharsets.UTF_8))));
        env.jersey().register(new ChannelMessagesResource(new MessageHistory(cassandra::session), permissions));
        env.jersey().register(new MetadataQueries(new MetadataReads(mongo), new CursorSigner(config.getPageCursorKey())));
        env.jersey().register(new OpenApiResource("query"));
    }
}
