package io.chorus.workers.search;

import io.chorus.common.nats.DeadLetters;
import co.elastic.clients.elasticsearch.ElasticsearchClient;
import io.chorus.common.elasticsearch.ManagedElasticsearchClient;
import io.chorus.common.events.Subjects;
import io.chorus.common.nats.ManagedNatsConnection;
import io.chorus.workers.search.core.Backoff;
import io.chorus.workers.search.core.MessageEventIndexing;
import io.dropwizard.lifecycle.Managed;
import io.nats.client.Connection;
import io.nats.client.JetStream;
import io.nats.client.PullSubscribeOptions;
import io.nats.client.api.AckPolicy;
import io.nats.client.api.ConsumerConfiguration;
import io.nats.client.api.DeliverPolicy;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The search-indexer pool: a durable pull consumer {@code search-indexer} on {@code MESSAGES}, worked by N threads
 * that bulk-index into Elasticsearch, plus the retention sweep. Starting does not wait for Elasticsearch: the
 * template is installed (with back-off) before the first batch is pulled, so no daily index is ever created
 * without its mappings and alias.
 */
public final class SearchIndexer implements Managed {
    public static final String CONSUMER = "search-indexer";
    private static final Logger LOG = LoggerFactory.getLogger(SearchIndexer.class);

    private final ManagedNatsConnection nats;
    private final ManagedElasticsearchClient elasticsearch;
    private final SearchIndexerSettings settings;
    private final List<Thread> threads = new ArrayList<>();
    private volatile boolean running;
    private ScheduledExecutorService retention;

    public SearchIndexer(ManagedNatsConnection nats, ManagedElasticsearchClient elasticsearch,
                         SearchIndexerSettings settings) {
        this.nats = nats;
        this.elasticsearch = elasticsearch;
        this.settings = settings;
    }

    @Override
    public void start() throws Exception {
        Connection connection = nats.connection();
        connection.jetStreamManagement().addOrUpdateConsumer(Subjects.MESSAGES_STREAM, ConsumerConfiguration.builder()
                .durable(CONSUMER)
                .filterSubject(Subjects.MESSAGES_PREFIX + ">")
                .deliverPolicy(DeliverPolicy.All)
                .ackPolicy(AckPolicy.Explicit)
                .ackWait(Duration.ofSeconds(30))
                // never let JetStream give up on an event by itself: the workers dead-letter after N deliveries
                .maxDeliver(-1)
                .maxAckPending((long) settings.getWorkers() * settings.getBatchSize() * 2)
                .build());
        running = true;
        Thread starter = new Thread(this::installTemplateThenWork, "search-indexer-start");
        starter.setDaemon(true);
        starter.start();
    }

    private void installTemplateThenWork() {
        ElasticsearchClient client = elasticsearch.client();
        Backoff backoff = new Backoff(Duration.ofMillis(200), Duration.ofSeconds(5));
        while (running) {
            try {
                new MessageIndexTemplate(settings.getReplicas()).install(client);
                LOG.info("message index template installed");
                break;
            } catch (Exception e) {
                LOG.warn("cannot install the message index template yet: {}", e.toString());
                sleep(backoff.nextDelay());
            }
        }
        if (!running) {
            return;
        }
        startRetention(client);
        startWorkers(client);
    }

    private void startWorkers(ElasticsearchClient client) {
        Connection connection = nats.connection();
        try {
            JetStream jetStream = connection.jetStream();
            MessageEventIndexing indexing = new MessageEventIndexing(settings.getRetentionDays());
            BulkIndexWriter writer = new BulkIndexWriter(client);
            DeadLetters deadLetters = new DeadLetters(jetStream, CONSUMER);
            synchronized (threads) {
                for (int i = 1; i <= settings.getWorkers() && running; i++) {
                    var subscription = jetStream.subscribe(Subjects.MESSAGES_PREFIX + ">",
                            PullSubscribeOptions.bind(Subjects.MESSAGES_STREAM, CONSUMER));
                    Thread thread = new Thread(new IndexingWorker(subscription, indexing, writer, deadLetters,
                            settings.getBatchSize(), settings.getFetchWait(), settings.getMaxDeliveries(),
                            () -> running), "search-indexer-" + i);
                    threads.add(thread);
                    thread.start();
                }
            }
            LOG.info("search indexer started: {} workers, batches of {}", settings.getWorkers(), settings.getBatchSize());
        } catch (Exception e) {
            LOG.error("search indexer could not start its workers", e);
        }
    }

    private void startRetention(ElasticsearchClient client) {
        IndexRetention sweep = new IndexRetention(client, settings.getRetentionDays(), Clock.systemUTC());
        retention = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "search-index-retention");
            t.setDaemon(true);
            return t;
        });
        retention.scheduleWithFixedDelay(() -> {
            try {
                sweep.apply();
            } catch (Exception e) {
                LOG.warn("index retention sweep failed, next try in {}: {}", settings.getRetentionCheckEvery(), e.toString());
            }
        }, 0, settings.getRetentionCheckEvery().toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public void stop() throws Exception {
        running = false;
        if (retention != null) {
            retention.shutdownNow();
        }
        synchronized (threads) {
            for (Thread thread : threads) {
                thread.join(Duration.ofSeconds(10).toMillis());
            }
        }
    }

    private static void sleep(Duration delay) {
        try {
            Thread.sleep(delay.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
