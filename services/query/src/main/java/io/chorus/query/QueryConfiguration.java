package io.chorus.query;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.chorus.common.api.PerUserRateLimit;
import io.chorus.common.auth.ExampleSecrets;
import io.chorus.common.auth.JwtFactory;
import io.chorus.common.cassandra.CassandraConfiguration;
import io.chorus.common.cassandra.CassandraFactory;
import io.chorus.common.elasticsearch.ElasticsearchConfiguration;
import io.chorus.common.elasticsearch.ElasticsearchFactory;
import io.chorus.common.mongo.MongoConfiguration;
import io.chorus.common.mongo.MongoFactory;
import io.chorus.common.nats.NatsConfiguration;
import io.chorus.common.nats.NatsFactory;
import io.dropwizard.core.Configuration;
import jakarta.validation.Valid;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

public class QueryConfiguration extends Configuration
        implements NatsConfiguration, CassandraConfiguration, MongoConfiguration, ElasticsearchConfiguration {
    @Valid
    @NotNull
    @JsonProperty
    private JwtFactory auth = new JwtFactory();

    @Valid
    @NotNull
    @JsonProperty
    private NatsFactory nats = new NatsFactory();

    @Valid
    @NotNull
    @JsonProperty
    private CassandraFactory cassandra = new CassandraFactory();

    @Valid
    @NotNull
    @JsonProperty
    private MongoFactory mongo = new MongoFactory();

    @Valid
    @NotNull
    @JsonProperty
    private ElasticsearchFactory elasticsearch = new ElasticsearchFactory();

    /**
     * Connections the API admits at once (the admin port apart); past it the server stops accepting until one
     * closes, so an overload makes clients wait instead of filling the heap (decision 0088, as the command service).
     */
    @Min(1)
    @JsonProperty
    private int maxConnections = 512;

    /**
     * Secret (32+ bytes) that seals search cursors (decision 0106): the same on every query instance, or a cursor
     * handed out by one is refused by another.
     */
    @NotNull
    @Size(min = 32)
    @JsonProperty
    private String searchCursorKey;

    /**
     * Signs the page cursors of the metadata endpoints (32+ bytes; every query instance the same), so that a cursor
     * is good only as handed out and only for its list.
     */
    @NotNull
    @Size(min = 32)
    @JsonProperty
    private String pageCursorKey;

    /** Requests per second per user (429 past it), as on the command service. */
    @Valid
    @NotNull
    @JsonProperty
    private PerUserRateLimit.Config rateLimit = new PerUserRateLimit.Config();

    /** The published example key would let anyone open and forge search cursors: refused as the example secret is. */
    @AssertTrue(
            message = "searchCursorKey is an example secret published with Chorus: set a key of your own "
                    + "(32+ random bytes), or start with -Ddw.auth.allowExampleSecret=true for local development only")
    public boolean isSearchCursorKeyNotAnExample() {
        return allowsExamples() || !ExampleSecrets.isExample(searchCursorKey);
    }

    /** The published example key would let anyone sign page cursors: refused as the example secret is. */
    @AssertTrue(
            message = "pageCursorKey is an example secret published with Chorus: set a key of your own "
                    + "(32+ random bytes), or start with -Ddw.auth.allowExampleSecret=true for local development only")
    public boolean isPageCursorKeyNotAnExample() {
        return allowsExamples() || !ExampleSecrets.isExample(pageCursorKey);
    }

    private boolean allowsExamples() {
        return auth == null || auth.isAllowExampleSecret();
    }

    public String getSearchCursorKey() {
        return searchCursorKey;
    }

    public String getPageCursorKey() {
        return pageCursorKey;
    }

    public PerUserRateLimit.Config getRateLimit() {
        return rateLimit;
    }

    public int getMaxConnections() {
        return maxConnections;
    }

    @Override
    public NatsFactory getNats() {
        return nats;
    }

    @Override
    public CassandraFactory getCassandra() {
        return cassandra;
    }

    @Override
    public MongoFactory getMongo() {
        return mongo;
    }

    @Override
    public ElasticsearchFactory getElasticsearch() {
        return elasticsearch;
    }

    public JwtFactory getAuth() {
        return auth;
    }
}
