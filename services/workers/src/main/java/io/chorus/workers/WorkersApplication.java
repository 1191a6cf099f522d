package io.chorus.workers;

import io.chorus.common.cassandra.CassandraHealthCheck;
import io.chorus.common.cassandra.ManagedCqlSession;
import io.chorus.common.elasticsearch.ElasticsearchHealthCheck;
import io.chorus.common.elasticsearch.ManagedElasticsearchClient;
import io.chorus.common.mongo.ManagedMongoClient;
import io.chorus.common.mongo.MongoHealthCheck;
import io.chorus.common.nats.ManagedNatsConnection;
import io.chorus.common.nats.NatsHealthCheck;
import io.chorus.common.nats.JetStreamSetup;
import io.chorus.workers.core.WorkerPool;
import io.chorus.workers.db.MongoMetaStore;
import io.chorus.workers.nats.MetaWriter;
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

        if (config.getCassandra() != null) {
            ManagedCqlSession cassandra = config.getCassandra().build();
            env.lifecycle().manage(cassandra);
            env.healthChecks().register("cassandra", new CassandraHealthCheck(cassandra));
        }
        if (config.getMongo() != null) {
            ManagedMongoClient mongo = config.getMongo().build();
            env.lifecycle().manage(mongo);
            env.healthChecks().register("mongo", new MongoHealthCheck(mongo));
            if (config.getPool() == WorkerPool.META_WRITER) {
                env.lifecycle().manage(new JetStreamSetup(nats, config.getNats().layout()));
                env.lifecycle().manage(new MetaWriter(nats, new MongoMetaStore(mongo::database), env.getObjectMapper(),
                        config.getMetaWriter().settings()));
            }
        }
        if (config.getElasticsearch() != null) {
            ManagedElasticsearchClient elasticsearch = config.getElasticsearch().build();
            env.lifecycle().manage(elasticsearch);
            env.healthChecks().register("elasticsearch", new ElasticsearchHealthCheck(elasticsearch));
        }
    }
}
