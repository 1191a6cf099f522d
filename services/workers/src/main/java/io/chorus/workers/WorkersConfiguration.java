package io.chorus.workers;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.chorus.common.cassandra.CassandraConfiguration;
import io.chorus.common.cassandra.CassandraFactory;
import io.chorus.common.elasticsearch.ElasticsearchConfiguration;
import io.chorus.common.elasticsearch.ElasticsearchFactory;
import io.chorus.common.mongo.MongoConfiguration;
import io.chorus.common.mongo.MongoFactory;
import io.chorus.common.nats.NatsConfiguration;
import io.chorus.common.nats.NatsFactory;
import io.chorus.workers.core.MessageWriterSettings;
import io.chorus.workers.core.WorkerPool;
import io.chorus.workers.push.PushSettings;
import io.chorus.workers.search.SearchIndexerSettings;
import io.dropwizard.core.Configuration;
import jakarta.validation.Valid;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.NotNull;

/** One process runs one pool; only the stores that pool writes to are configured. */
public class WorkersConfiguration extends Configuration
        implements NatsConfiguration, CassandraConfiguration, MongoConfiguration, ElasticsearchConfiguration {
    @NotNull
    @JsonProperty
    private WorkerPool pool;

    @Valid
    @NotNull
    @JsonProperty
    private NatsFactory nats = new NatsFactory();

    @Valid
    @JsonProperty
    private CassandraFactory cassandra;

    @Valid
    @JsonProperty
    private MongoFactory mongo;

    @Valid
    @JsonProperty
    private ElasticsearchFactory elasticsearch;

    /** Settings of the search-indexer pool (defaults apply when absent). */
    @Valid
    @NotNull
    @JsonProperty
    private SearchIndexerSettings search = new SearchIndexerSettings();

    public SearchIndexerSettings getSearch() {
        return search;
    }

    @Valid
    @NotNull
    @JsonProperty
    private MessageWriterSettings messageWriter = new MessageWriterSettings();

    public MessageWriterSettings getMessageWriter() {
        return messageWriter;
    }

    /** Settings of the meta-writer pool (ignored by the others). */
    @Valid
    @NotNull
    @JsonProperty
    private MetaWriterSettings metaWriter = new MetaWriterSettings();

    public MetaWriterSettings getMetaWriter() {
        return metaWriter;
    }

    /** Settings of the push pool (ignored by the others). */
    @Valid
    @NotNull
    @JsonProperty
    private PushSettings push = new PushSettings();

    public PushSettings getPush() {
        return push;
    }

    /** Settings of the webhook pool (ignored by the others). */
    @Valid
    @NotNull
    @JsonProperty
    private WebhookSettings webhook = new WebhookSettings();

    public WebhookSettings getWebhook() {
        return webhook;
    }

    public WorkerPool getPool() {
        return pool;
    }

    @Override
    public NatsFactory getNats() {
        return nats;
    }

    /** Null unless the pool writes to Cassandra: the other pools open no session, whatever is configured. */
    @Override
    public CassandraFactory getCassandra() {
        return writes(WorkerPool.Store.CASSANDRA) ? cassandra : null;
    }

    /** Null unless the pool writes to MongoDB. */
    @Override
    public MongoFactory getMongo() {
        return writes(WorkerPool.Store.MONGO) ? mongo : null;
    }

    /** Null unless the pool writes to Elasticsearch. */
    @Override
    public ElasticsearchFactory getElasticsearch() {
        return writes(WorkerPool.Store.ELASTICSEARCH) ? elasticsearch : null;
    }

    private boolean writes(WorkerPool.Store store) {
        return pool != null && pool.stores().contains(store);
    }

    @AssertTrue(
            message = "the pool's stores must be configured (message-writer: cassandra; meta-writer, push, "
                    + "webhook: mongo; search-indexer: elasticsearch)")
    public boolean isStoresConfiguredForPool() {
        return (!writes(WorkerPool.Store.CASSANDRA) || cassandra != null)
                && (!writes(WorkerPool.Store.MONGO) || mongo != null)
                && (!writes(WorkerPool.Store.ELASTICSEARCH) || elasticsearch != null);
    }
}
