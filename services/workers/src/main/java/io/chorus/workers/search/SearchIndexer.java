package io.chorus.workers.search;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import com.codahale.metrics.MetricRegistry;
import io.chorus.common.elasticsearch.ManagedElasticsearchClient;
import io.chorus.common.events.Subjects;
import io.chorus.common.nats.ManagedNatsConnection;
import io.chorus.common.nats.worker.PullWorker;
import io.chorus.common.nats.worker.RetryPolicy;
import io.chorus.common.nats.worker.Settlement;
import io.chorus.workers.search.core.MessageEventIndexing;
import io.dropwizard.lifecycle.Managed;
import io.nats.client.Connection;
import io.nats.client.PullSubscribeOptions;
import io.nats.client.api.AckPolicy;
import io.nats.client.api.ConsumerConfiguration;
import io.nats.client.api.DeliverPolicy;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The search-indexer pool: a durable pull consumer {@code search-indexer} on {@code MESSAGES}, worked by N threads
 * of one {@link PullWorker} that bulk-index into Elasticsearch ({@link IndexingWorker}), plus the retention sweep.
 * Starting does not wait for Elasticsearch: the template is installed (with back-off) before the first batch is
 * pulled, so no daily index is ever created without its mappings and alias.
 */
public final class SearchIndexer implements Managed {
    public static final String CONSUMER = "search-indexer";
    private static final Logger LOG = LoggerFactory.getLogger(SearchIndexer.class);

    private final ManagedNatsConnection nats;
    private final ManagedElasticsearchClient elasticsearch;
    private final SearchIndexerSettings settings;
    private ScheduledExecutorService retention;

    /** The consumer's setup and the retention sweep; {@link #worker} is the pull worker, managed after it. */
    public SearchIndexer(
            ManagedNatsConnection nats, ManagedElasticsearchClient elasticsearch, SearchIndexerSettings settings) {
        this.nats = nats;
        this.elasticsearch = elasticsearch;
        this.settings = settings;
    }

    /**
     * The pool's pull worker: {@code workers} threads, batches of {@code batchSize}; an event Elasticsearch refuses
     * is dead-lettered on its {@code maxDeliveries}-th delivery.
     */
    public static PullWorker worker(
            ManagedNatsConnection nats,
            ManagedElasticsearchClient elasticsearch,
            SearchIndexerSettings settings,
            MetricRegistry metrics) {
        RetryPolicy policy =
                new RetryPolicy(Duration.ofMillis(100), Duration.ofSeconds(5), settings.getMaxDeliveries());
        Settlement settlement = new Settlement(Subjects.MESSAGES_STREAM, CONSUMER, nats::connection, policy, metrics);
        AtomicReference<PullWorker> worker = new AtomicReference<>();
        // built once Elasticsearch's client is started, before the first pull (the worker's prerequisite)
        AtomicReference<IndexingWorker> indexing = new AtomicReference<>();
        int batch = settings.getBatchSize();
        worker.set(new PullWorker(
                nats::connection,
                js -> js.subscribe(
                        Subjects.MESSAGES_PREFIX + ">", PullSubscribeOptions.bind(Subjects.MESSAGES_STREAM, CONSUMER)),
                new PullWorker.Settings(
                        CONSUMER, settings.getWorkers(), PullWorker.Pull.BATCH, () -> batch, settings.getFetchWait()),
                pulled -> indexing.get().handle(pulled),
                () -> {
                    ElasticsearchClient client = elasticsearch.client();
                    new MessageIndexTemplate(settings.getReplicas()).install(client);
                    LOG.info("message index template installed");
                    indexing.set(new IndexingWorker(
                            new MessageEventIndexing(settings.getRetentionDays()),
                            new BulkIndexWriter(client),
                            settlement,
                            () -> worker.get().running()));
                }));
        return worker.get();
    }

    @Override
    public void start() throws Exception {
        Connection connection = nats.connection();
        connection
                .jetStreamManagement()
                .addOrUpdateConsumer(
                        Subjects.MESSAGES_STREAM,
                        ConsumerConfiguration.builder()
                                .durable(CONSUMER)
                                .filterSubject(Subjects.MESSAGES_PREFIX + ">")
                                .deliverPolicy(DeliverPolicy.All)
                                .ackPolicy(AckPolicy.Explicit)
                                .ackWait(Duration.ofSeconds(30))
                                // never let JetStream give up on an event by itself: the workers dead-letter after N
                                // deliveries
                                .maxDeliver(-1)
                                .maxAckPending((long) settings.getWorkers() * settings.getBatchSize() * 2)
                                .build());
        startRetention(elasticsearch.client());
    }

    private void startRetention(ElasticsearchClient client) {
        IndexRetention sweep = new IndexRetention(client, settings.getRetentionDays(), Clock.systemUTC());
        retention = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "search-index-retention");
            t.setDaemon(true);
            return t;
        });
        retention.scheduleWithFixedDelay(
                () -> {
                    try {
                        sweep.apply();
                    } catch (Exception e) {
                        LOG.warn(
                                "index retention sweep failed, next try in {}: {}",
                                settings.getRetentionCheckEvery(),
                                e.toString());
                    }
                },
                0,
                settings.getRetentionCheckEvery().toMillis(),
                TimeUnit.MILLISECONDS);
    }

    @Override
    public void stop() {
        if (retention != null) {
            retention.shutdownNow();
        }
    }
}
