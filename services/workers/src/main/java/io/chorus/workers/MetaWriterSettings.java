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
        return new MetaWriter.Settings(batchSize, MetaWriter.Settings.defaults().fetchWait(), maxDeliveries,
                ackWait.toJavaDuration(), retryDelay.toJavaDuration());
    }
}
