package io.chorus.workers;

import io.chorus.common.api.ServerConventions;
import io.chorus.common.cassandra.CassandraBundle;
import io.chorus.common.cassandra.ManagedCqlSession;
import io.chorus.common.config.EnvironmentReferences;
import io.chorus.common.elasticsearch.ElasticsearchBundle;
import io.chorus.common.elasticsearch.ManagedElasticsearchClient;
import io.chorus.common.metrics.PrometheusBundle;
import io.chorus.common.mongo.ManagedMongoClient;
import io.chorus.common.mongo.MongoBundle;
import io.chorus.common.nats.ManagedNatsConnection;
import io.chorus.common.nats.NatsBundle;
import io.chorus.workers.core.HistoryMutations;
import io.chorus.workers.core.MessageWriterSettings;
import io.chorus.workers.db.MessageStore;
import io.chorus.workers.db.MongoMetaStore;
import io.chorus.workers.nats.MessageWriterConsumer;
import io.chorus.workers.nats.MetaWriter;
import io.chorus.workers.push.ProviderGate;
import io.chorus.workers.push.PushConsumer;
import io.chorus.workers.push.PushDirectory;
import io.chorus.workers.push.PushProviders;
import io.chorus.workers.push.PushState;
import io.chorus.workers.rebuild.HistoryReplay;
import io.chorus.workers.rebuild.MetaReplay;
import io.chorus.workers.rebuild.RebuildTask;
import io.chorus.workers.rebuild.SearchReplay;
import io.chorus.workers.rebuild.StreamReplay;
import io.chorus.workers.rebuild.WriterPause;
import io.chorus.workers.search.BulkIndexWriter;
import io.chorus.workers.search.MessageIndexTemplate;
import io.chorus.workers.search.SearchIndexer;
import io.chorus.workers.search.SearchIndexerSettings;
import io.chorus.workers.search.core.MessageEventIndexing;
import io.chorus.workers.webhook.WebhookDispatcher;
import io.dropwizard.core.Application;
import io.dropwizard.core.server.AbstractServerFactory;
import io.dropwizard.core.setup.Bootstrap;
import io.dropwizard.core.setup.Environment;
import java.time.Clock;
import java.util.Map;

/** Pull-consumer worker pools. The configured {@code pool} decides which one this process runs. */
public class WorkersApplication extends Application<WorkersConfiguration> {
    private final NatsBundle<WorkersConfiguration> nats = NatsBundle.ensuringStreams();
    // each connects only when the configured pool writes to it (WorkersConfiguration hands over no factory else)
    private final CassandraBundle<WorkersConfiguration> cassandra = new CassandraBundle<>();
    private final MongoBundle<WorkersConfiguration> mongo = new MongoBundle<>();
    private final ElasticsearchBundle<WorkersConfiguration> elasticsearch = new ElasticsearchBundle<>();

    public static void main(String[] args) throws Exception {
        new WorkersApplication().run(args);
    }

    @Override
    public String getName() {
        return "workers";
    }

    @Override
    public void initialize(Bootstrap<WorkersConfiguration> bootstrap) {
        EnvironmentReferences.install(bootstrap);
        bootstrap.addBundle(new PrometheusBundle());
        bootstrap.addBundle(nats);
        bootstrap.addBundle(cassandra);
        bootstrap.addBundle(mongo);
        bootstrap.addBundle(elasticsearch);
    }

    @Override
    public void run(WorkersConfiguration config, Environment env) {
        ServerConventions.install((AbstractServerFactory) config.getServerFactory(), env);
        ManagedNatsConnection nats = this.nats.connection();

        switch (config.getPool()) {
            case MESSAGE_WRITER -> {
                ManagedCqlSession cassandra = this.cassandra.connection();
                MessageWriterSettings settings = config.getMessageWriter();
                env.lifecycle()
                        .manage(MessageWriterConsumer.worker(
                                nats::connection,
                                new HistoryMutations(env.getObjectMapper()),
                                () -> new MessageStore(cassandra.session(), settings.getReplicationFactor()),
                                settings,
                                env.metrics()));
                env.admin()
                        .addTask(new RebuildTask(
                                "cassandra",
                                new StreamReplay(
                                        nats::connection,
                                        "cassandra",
                                        settings.getBatchSize(),
                                        settings.getFetchWait(),
                                        Clock.systemUTC()),
                                () -> new HistoryReplay(
                                        new HistoryMutations(env.getObjectMapper()),
                                        new MessageStore(cassandra.session(), settings.getReplicationFactor())),
                                Clock.systemUTC()));
            }
            case META_WRITER -> {
                ManagedMongoClient mongo = this.mongo.connection();
                // registered before the worker, so stopped after it: the worker's last batch still writes its KV
                // changes
                var permissionWriter = env.lifecycle()
                        .executorService("meta-writer-permissions")
                        .minThreads(1)
                        .maxThreads(1)
                        .build();
                var inserters = env.lifecycle()
                        .executorService("meta-writer-insert-%d")
                        .minThreads(MongoMetaStore.INSERT_THREADS)
                        .maxThreads(MongoMetaStore.INSERT_THREADS)
                        .build();
                MongoMetaStore metaStore = new MongoMetaStore(mongo::database, inserters);
                WriterPause pause = new WriterPause();
                env.lifecycle()
                        .manage(MetaWriter.worker(
                                nats,
                                metaStore,
                                env.getObjectMapper(),
                                config.getMetaWriter().settings(),
                                env.metrics(),
                                permissionWriter,
                                pause));
                env.admin()
                        .addTask(metaRebuild(
                                nats, metaStore, env, config.getMetaWriter().settings(), pause));
            }
            case SEARCH_INDEXER -> {
                ManagedElasticsearchClient elasticsearch = this.elasticsearch.connection();
                env.lifecycle().manage(new SearchIndexer(nats, elasticsearch, config.getSearch()));
                env.lifecycle().manage(SearchIndexer.worker(nats, elasticsearch, config.getSearch(), env.metrics()));
                env.admin().addTask(searchRebuild(nats, elasticsearch, config.getSearch()));
            }
            case PUSH -> {
                ManagedMongoClient mongo = this.mongo.connection();
                Map<String, ProviderGate> gates = PushProviders.gates(config.getPush(), env.getObjectMapper());
                env.lifecycle()
                        .manage(PushConsumer.worker(
                                nats::connection,
                                env.getObjectMapper(),
                                new PushDirectory(
                                        mongo::database, config.getPush().getLevelsReusedFor()),
                                new PushState(nats, env.getObjectMapper(), Clock.systemUTC()),
                                gates,
                                config.getPush(),
                                env.metrics()));
                env.lifecycle().manage(PushProviders.closing(gates));
            }
            case WEBHOOK ->
                env.lifecycle()
                        .manage(new WebhookDispatcher(
                                nats,
                                this.mongo.connection(),
                                env.getObjectMapper(),
                                config.getWebhook(),
                                env.metrics()));
        }
    }

    private static RebuildTask searchRebuild(
            ManagedNatsConnection nats, ManagedElasticsearchClient elasticsearch, SearchIndexerSettings settings) {
        StreamReplay replay = new StreamReplay(
                nats::connection, "elasticsearch", settings.getBatchSize(), settings.getFetchWait(), Clock.systemUTC());
        return new RebuildTask(
                "elasticsearch",
                replay,
                () -> {
                    // a wiped index loses nothing of the template, but a rebuild must not create an index without it
                    new MessageIndexTemplate(settings.getReplicas()).install(elasticsearch.client());
                    return new SearchReplay(
                            new MessageEventIndexing(settings.getRetentionDays()),
                            new BulkIndexWriter(elasticsearch.client()),
                            Clock.systemUTC());
                },
                Clock.systemUTC());
    }

    /** The meta writer rebuilds both stores it writes, MongoDB's documents and the permissions bucket, from META. */
    private static RebuildTask metaRebuild(
            ManagedNatsConnection nats,
            MongoMetaStore store,
            Environment env,
            MetaWriter.Settings settings,
            WriterPause pause) {
        return new RebuildTask(
                java.util.Map.of(
                        "mongo",
                                new RebuildTask.Rebuild(
                                        new StreamReplay(
                                                nats::connection,
                                                StreamReplay.Source.META,
                                                "mongo",
                                                settings.batchSize(),
                                                settings.fetchWait(),
                                                Clock.systemUTC()),
                                        () -> MetaReplay.mongo(env.getObjectMapper(), store),
                                        pause),
                        "permissions",
                                new RebuildTask.Rebuild(
                                        new StreamReplay(
                                                nats::connection,
                                                StreamReplay.Source.META,
                                                "permissions",
                                                settings.batchSize(),
                                                settings.fetchWait(),
                                                Clock.systemUTC()),
                                        () -> MetaReplay.permissions(env.getObjectMapper(), store, nats.connection()),
                                        pause)),
                Clock.systemUTC());
    }
}
