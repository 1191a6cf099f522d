package io.chorus.command.resources;

import com.codahale.metrics.MetricRegistry;
import io.chorus.common.metrics.OperatorMetrics;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;

/**
 * Counts the answers to sends for the operators: accepted (2xx, the PubAck came) and refused, by HTTP status (a
 * 400 for the text, 403 for a non-member, 429 over the rate, 503 with the send window full or no PubAck in time).
 * A response filter sees every answer of the endpoint, the exception mappers' and the rate limit's too.
 */
@CountedSends
public final class SendOutcomes implements ContainerResponseFilter {
    private final MetricRegistry metrics;

    public SendOutcomes(MetricRegistry metrics) {
        this.metrics = metrics;
    }

    @Override
    public void filter(ContainerRequestContext request, ContainerResponseContext response) {
        metrics.meter(metricOf(response.getStatus())).mark();
    }

    static String metricOf(int status) {
        return status < 400 ? OperatorMetrics.SENDS_ACCEPTED : OperatorMetrics.SENDS_REFUSED + "." + status;
    }
}
