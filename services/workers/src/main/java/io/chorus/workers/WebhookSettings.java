package io.chorus.workers;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.chorus.workers.webhook.core.RetrySchedule;
import io.dropwizard.util.Duration;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.util.List;

/** The {@code webhook} block of a worker config (decision 0211); read by the webhook pool only. */
public class WebhookSettings {
    /** The waits between attempts; the Standard Webhooks schedule by default (shortened in tests). */
    @NotNull
    @JsonProperty
    private List<Duration> retrySchedule = RetrySchedule.SPECIFICATION.stream()
            .map(d -> Duration.seconds(d.toSeconds()))
            .toList();

    /** Each wait is spread by up to this fraction either way. */
    @DecimalMin("0")
    @DecimalMax("0.9")
    @JsonProperty
    private double jitter = 0.2;

    /** The longest {@code Retry-After} honoured. */
    @NotNull
    @JsonProperty
    private Duration maxRetryAfter = Duration.hours(1);

    /**
     * The longest a delivery is retried in process; one whose next retry falls later is dead-lettered (decision
     * 0211): the stream's message is held meanwhile.
     */
    @NotNull
    @JsonProperty
    private Duration holdLimit = Duration.minutes(10);

    @NotNull
    @JsonProperty
    private Duration timeout = Duration.seconds(15);

    /** Attempts in flight to one endpoint at once. */
    @Min(1)
    @JsonProperty
    private int concurrency = 4;

    /** Consecutive failures that open an endpoint's breaker. */
    @Min(1)
    @JsonProperty
    private int breakerFailures = 5;

    @NotNull
    @JsonProperty
    private Duration breakerOpenFor = Duration.seconds(30);

    @NotNull
    @JsonProperty
    private Duration registrationRefresh = Duration.seconds(5);

    /** How long a rotated-out secret keeps signing beside the new one. */
    @NotNull
    @JsonProperty
    private Duration secretOverlap = Duration.hours(24);

    /** Loopback receivers: local stacks and tests only. */
    @JsonProperty
    private boolean allowLoopback = false;

    /** Stream messages held at once (each until every endpoint it goes to has settled). */
    @Min(1)
    @JsonProperty
    private int maxAckPending = 2_000;

    @NotNull
    @JsonProperty
    private Duration ackWait = Duration.seconds(60);

    @NotNull
    @JsonProperty
    private Duration fetchWait = Duration.seconds(1);

    public List<java.time.Duration> getRetrySchedule() {
        return retrySchedule.stream().map(Duration::toJavaDuration).toList();
    }

    public double getJitter() {
        return jitter;
    }

    public java.time.Duration getMaxRetryAfter() {
        return maxRetryAfter.toJavaDuration();
    }

    public java.time.Duration getHoldLimit() {
        return holdLimit.toJavaDuration();
    }

    public java.time.Duration getTimeout() {
        return timeout.toJavaDuration();
    }

    public int getConcurrency() {
        return concurrency;
    }

    public int getBreakerFailures() {
        return breakerFailures;
    }

    public java.time.Duration getBreakerOpenFor() {
        return breakerOpenFor.toJavaDuration();
    }

    public java.time.Duration getRegistrationRefresh() {
        return registrationRefresh.toJavaDuration();
    }

    public java.time.Duration getSecretOverlap() {
        return secretOverlap.toJavaDuration();
    }

    public boolean isAllowLoopback() {
        return allowLoopback;
    }

    public int getMaxAckPending() {
        return maxAckPending;
    }

    public java.time.Duration getAckWait() {
        return ackWait.toJavaDuration();
    }

    public java.time.Duration getFetchWait() {
        return fetchWait.toJavaDuration();
    }
}
