package io.chorus.workers.core;

import com.fasterxml.jackson.annotation.JsonProperty;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

/** Settings of the message-writer pool. */
public class MessageWriterSettings {
    /** Replication factor of keyspace {@code chorus} when the writer creates it (1 on the one-node local stack). */
    @Min(1)
    @JsonProperty
    private int replicationFactor = 1;

    /** Messages fetched from JetStream per round; they are written as one Cassandra batch per partition. */
    @Min(1)
    @Max(1000)
    @JsonProperty
    private int batchSize = 200;

    /** Deliveries of a message whose write keeps failing before it goes to the dead-letter stream. */
    @Min(1)
    @JsonProperty
    private int maxDeliveries = 5;

    public int getReplicationFactor() {
        return replicationFactor;
    }

    public int getBatchSize() {
        return batchSize;
    }

    public int getMaxDeliveries() {
        return maxDeliveries;
    }
}
