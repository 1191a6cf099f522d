package io.chorus.workers;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.chorus.workers.nats.MetaWriter;
import io.dropwizard.util.Duration;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

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

    @NotNull
    @JsonProperty
    private Duration ackWait = Duration.seconds(60);

    /** The wait before a failed event's first retry; it doubles with each retry up to {@code retryMaxDelay}. */
    @NotNull
    @JsonProperty
    private Duration retryFirstDelay = Duration.milliseconds(MetaWriter.Settings.RETRY_FIRST.toMillis());

    @NotNull
    @JsonProperty
    private Duration retryMaxDelay = Duration.milliseconds(MetaWriter.Settings.RETRY_MAX.toMillis());

    /**
     * How long an event the store answers with an error is retried before it is dead-lettered; an event the store
     * or NATS does not answer at all is retried however long it takes (decision 0120).
     */
    @NotNull
    @JsonProperty
    private Duration retryWindow = Duration.minutes(MetaWriter.Settings.RETRY_WINDOW.toMinutes());

    /**
     * Set when several meta writer instances run: they take turns, one batch unacknowledged across all of them, so
     * the stream's order holds (decision 0222). Every instance of a deployment must say the same.
     */
    @JsonProperty
    private boolean takeTurns;

    @AssertTrue(message = "need 0 < retryFirstDelay <= retryMaxDelay")
    public boolean isRetryDelaysOrdered() {
        return retryFirstDelay.toNanoseconds() > 0 && retryFirstDelay.compareTo(retryMaxDelay) <= 0;
    }

    public MetaWriter.Settings settings() {
        return new MetaWriter.Settings(
                batchSize,
                Math.max(batchSize, maxBatchEvents),
                batchDocuments,
                MetaWriter.Settings.defaults().fetchWait(),
                ackWait.toJavaDuration(),
                MetaWriter.Settings.retryPolicy(
                        retryFirstDelay.toJavaDuration(), retryMaxDelay.toJavaDuration(), retryWindow.toJavaDuration()),
                takeTurns);
    }
}
