package io.chorus.workers.search;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.dropwizard.util.Duration;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

/** The search-indexer pool's settings; every one has a default, so a pool config needs none of them. */
public class SearchIndexerSettings {
    /** Worker threads, each pulling its own batches from the one durable consumer. */
    @Min(1)
    @Max(32)
    @JsonProperty
    private int workers = 2;

    /** Events per pull and so per bulk request. */
    @Min(1)
    @Max(5000)
    @JsonProperty
    private int batchSize = 500;

    /**
     * How long a pull waits to fill a batch: the most an event waits for company before it is written. A backlog
     * fills batches at once; a trickle is written within this delay.
     */
    @JsonProperty
    private Duration fetchWait = Duration.milliseconds(250);

    /** Deliveries of an event Elasticsearch rejects before it goes to the dead-letter stream. */
    @Min(1)
    @JsonProperty
    private int maxDeliveries = 5;

    /** Daily indices older than this many days are deleted. */
    @Min(1)
    @JsonProperty
    private int retentionDays = 30;

    @JsonProperty
    private Duration retentionCheckEvery = Duration.hours(1);

    /** Replicas of each daily index (0 on a single node). */
    @Min(0)
    @JsonProperty
    private int replicas = 0;

    public int getWorkers() {
        return workers;
    }

    public int getBatchSize() {
        return batchSize;
    }

    public java.time.Duration getFetchWait() {
        return fetchWait.toJavaDuration();
    }

    public int getMaxDeliveries() {
        return maxDeliveries;
    }

    public int getRetentionDays() {
        return retentionDays;
    }

    public java.time.Duration getRetentionCheckEvery() {
        return retentionCheckEvery.toJavaDuration();
    }

    public int getReplicas() {
        return replicas;
    }
}
