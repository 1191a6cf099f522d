package io.chorus.workers.core;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.dropwizard.util.Duration;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.util.Optional;

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

    /**
     * How long a pull waits to fill a batch: the most a message waits for company before it is written (then
     * readable in history). Short, because at low rates a message would otherwise wait up to the whole wait, and
     * the consumer's pending count would swing with the phase of the pull, which the chaos checker reads as lag
     * (decision 0082).
     */
    @JsonProperty
    private Duration fetchWait = Duration.milliseconds(100);

    /** Deliveries of a message whose write keeps failing before it goes to the dead-letter stream. */
    @Min(1)
    @JsonProperty
    private int maxDeliveries = 5;

    /** Tests of {@code harness explore} only: a known bug to run with (decision 0241); absent, the writer is correct. */
    @JsonProperty
    private PlantedBug plantedBug;

    /**
     * Tests only: without it a {@code plantedBug} is refused, so a configuration copied from a test stack cannot lose
     * messages in production. Never set in a shipped file.
     */
    @JsonProperty
    private boolean allowPlantedBug;

    public int getReplicationFactor() {
        return replicationFactor;
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

    /** The planted bug to run with, if a test asked for one. */
    public Optional<PlantedBug> plantedBug() {
        return Optional.ofNullable(plantedBug);
    }

    @AssertTrue(
            message = "plantedBug makes the message writer lose messages on purpose, for harness explore's tests: "
                    + "remove it, or set allowPlantedBug: true beside it in a test stack only")
    public boolean isPlantedBugAllowed() {
        return plantedBug == null || allowPlantedBug;
    }
}
