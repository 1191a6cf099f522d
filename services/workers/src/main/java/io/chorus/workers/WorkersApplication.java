package io.chorus.workers;

import io.chorus.common.cassandra.CassandraHealthCheck;
import io.chorus.common.cassandra.ManagedCqlSession;
import io.chorus.common.elasticsearch.ElasticsearchHealthCheck;
import io.chorus.common.elasticsearch.ManagedElasticsearchClient;
import io.chorus.common.mongo.ManagedMongoClient;
import io.chorus.common.mongo.MongoHealthCheck;
import io.chorus.common.nats.ManagedNatsConnection;
import io.chorus.common.nats.NatsHealthCheck;
import io.chorus.common.nats.ManagedJetStreamSetup;
import io.chorus.workers.core.HistoryMutations;
import io.chorus.workers.core.MessageWriterSettings;
import io.chorus.workers.core.WorkerPool;
import io.chorus.workers.db.MessageStore;
import io.chorus.workers.nats.MessageWriterConsumer;
import io.chorus.workers.search.SearchIndexer;
import io.dropwizard.core.Application;
import io.dropwizard.core.setup.Environment;

/** Pull-consumer worker pools. The configured {@code pool} decides which one this process runs. */
public class WorkersApplication extends Application<WorkersConfiguration> {
    public static void main(String[] args) throws Exception {
        new WorkersApplication().run(args);
    }

    @Override
    public String getName() {
        return "workers";
    }

    @Override
    public void run(WorkersConfiguration config, Environment env) {
        ManagedNatsConnection nats = config.getNats().build();
        env.lifecycle().manage(nats);
        env.healthChecks().register("nats", new NatsHealthCheck(nats));

        ManagedCqlSession cassandra = null;
        if (config.getCassandra() != null) {
            cassandra = config.getCassandra().build();
            env.lifecycle().manage(cassandra);
            env.healthChecks().register("cassandra", new CassandraHealthCheck(cassandra));
        }
        if (config.getPool() == WorkerPool.MESSAGE_WRITER) {
            startMessageWriter(config, env, nats, cassandra);
        }
        if (config.getMongo() != null) {
            ManagedMongoClient mongo = config.getMongo().build();
            env.lifecycle().manage(mongo);
            env.healthChecks().register("mongo", new MongoHealthCheck(mongo));
        }
        if (config.getElasticsearch() != null) {
            ManagedElasticsearchClient elasticsearch = config.getElasticsearch().build();
            env.lifecycle().manage(elasticsearch);
            env.healthChecks().register("elasticsearch", new ElasticsearchHealthCheck(elasticsearch));
            if (config.getPool() == WorkerPool.SEARCH_INDEXER) {
                env.lifecycle().manage(new SearchIndexer(nats, elasticsearch, config.getSearch()));
            }
        }
    }

    private static void startMessageWriter(WorkersConfiguration config, Environment env, ManagedNatsConnection nats,
                                           ManagedCqlSession cassandra) {
        MessageWriterSettings settings = config.getMessageWriter();
        env.lifecycle().manage(new ManagedJetStreamSetup(nats));
        env.lifecycle().manage(new MessageWriterConsumer(nats::connection, new HistoryMutations(env.getObjectMapper()),
                () -> new MessageStore(cassandra.session(), settings.getReplicationFactor()),
                settings.getBatchSize(), settings.getMaxDeliveries()));
    }
}
