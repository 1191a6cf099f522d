package io.chorus.fanout;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.chorus.common.nats.NatsConfiguration;
import io.chorus.common.nats.NatsFactory;
import io.chorus.fanout.core.PlantedBug;
import io.dropwizard.core.Configuration;
import io.dropwizard.util.Duration;
import jakarta.validation.Valid;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.util.Optional;

public class FanoutConfiguration extends Configuration implements NatsConfiguration {
    @Valid
    @NotNull
    @JsonProperty
    private NatsFactory nats = new NatsFactory();

    /** This instance's partition, 0 to {@code partitions - 1}: it routes the channels that hash to it. */
    @Min(0)
    @JsonProperty
    private int partition = 0;

    /** How many fan-out instances split the channels. */
    @Min(1)
    @JsonProperty
    private int partitions = 1;

    /** How long a cold start waits for the live notification instances to re-announce before routing. */
    @NotNull
    @JsonProperty
    private Duration rebuildTimeout = Duration.seconds(5);

    /** How often the {@code instances} KV is read: drops stopped instances, spots lost deltas. */
    @NotNull
    @JsonProperty
    private Duration instanceCheckInterval = Duration.seconds(1);

    /** Tests of {@code harness explore} only: a known bug to run with (decision 0242); absent, the fan-out is correct. */
    @JsonProperty
    private PlantedBug plantedBug;

    /**
     * Tests only: without it a {@code plantedBug} is refused, so a configuration copied from a test stack cannot drop
     * routes in production. Never set in a shipped file.
     */
    @JsonProperty
    private boolean allowPlantedBug;

    @Override
    public NatsFactory getNats() {
        return nats;
    }

    public int getPartition() {
        return partition;
    }

    public int getPartitions() {
        return partitions;
    }

    public java.time.Duration getRebuildTimeout() {
        return rebuildTimeout.toJavaDuration();
    }

    public java.time.Duration getInstanceCheckInterval() {
        return instanceCheckInterval.toJavaDuration();
    }

    /** The planted bug to run with, if a test asked for one. */
    public Optional<PlantedBug> plantedBug() {
        return Optional.ofNullable(plantedBug);
    }

    @AssertTrue(
            message = "plantedBug makes the fan-out drop interest on purpose, for harness explore's tests: remove it, "
                    + "or set allowPlantedBug: true beside it in a test stack only")
    public boolean isPlantedBugAllowed() {
        return plantedBug == null || allowPlantedBug;
    }

    @AssertTrue(message = "partition must be below partitions")
    public boolean isPartitionInRange() {
        return partition < partitions;
    }
}
