package io.chorus.workers;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.chorus.workers.nats.MetaWriter;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import io.dropwizard.util.Duration;

/** The {@code metaWriter} block of a worker config. */
public class MetaWriterSettings {
    @Min(1)
    @JsonProperty
    private int batchSize = MetaWriter.Settings.defaults().batchSize();

    /** The most events one fetch asks for, when they carry few memberships each. */
    @Min(1)
    @JsonProperty
    private int maxBatchEvents = MetaWriter.Settings.defaults().maxBatchEvents();

    /** The memberships a batch aims at: events that carry many get fewer to a batch. */
    @Min(1)
    @JsonProperty
    private long batchDocuments = MetaWriter.Settings.defaults().batchDocuments();

    /** The delivery on which a malformed event is dead-lettered. */
    @Min(1)
    @JsonProperty
    private int maxDeliveries = MetaWriter.Settings.defaults().maxDeliveries();

    @NotNull
    @JsonProperty
    private Duration ackWait = Duration.seconds(60);

    @NotNull
    @JsonProperty
    private Duration retryDelay = Duration.milliseconds(200);

    public MetaWriter.Settings settings() {
        return new MetaWriter.Settings(batchSize, Math.max(batchSize, maxBatchEvents), batchDocuments,
                MetaWriter.Settings.defaults().fetchWait(), maxDeliveries,
                ackWait.toJavaDuration(), retryDelay.toJavaDuration());
    }
}
