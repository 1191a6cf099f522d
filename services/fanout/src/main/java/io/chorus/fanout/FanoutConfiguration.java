package io.chorus.fanout;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.chorus.common.nats.NatsConfiguration;
import io.chorus.common.nats.NatsFactory;
import io.dropwizard.core.Configuration;
import io.dropwizard.util.Duration;
import jakarta.validation.Valid;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

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

    @AssertTrue(message = "partition must be below partitions")
    public boolean isPartitionInRange() {
        return partition < partitions;
    }
}
