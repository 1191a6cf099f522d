package io.chorus.harness.checker;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What {@link WebhookChecker} found: counts of the deliveries it expected and judged, and delivery latency over
 * every endpoint outside its faults ({@code latency}), over the never-faulted endpoints ({@code healthy}) and over
 * those while another endpoint was faulted ({@code healthyDuringFaults}).
 */
public record WebhookCheckResult(
        Invariant webhooks,
        long expected,
        long lost,
        long duplicates,
        long badSignatures,
        long outOfOrder,
        long excused,
        LatencySummary latency,
        LatencySummary healthy,
        LatencySummary healthyDuringFaults)
        implements CheckResult {

    @Override
    public Optional<Invariant> invariant() {
        return Optional.of(webhooks);
    }

    @Override
    public List<Measurement> measurements() {
        List<Measurement> m = new ArrayList<>();
        m.add(Measurement.of("webhook.expected", expected));
        m.add(Measurement.of("webhook.lost", lost));
        m.add(Measurement.of("webhook.duplicates", duplicates));
        m.addAll(latency.measurements("webhook.latency"));
        m.addAll(healthy.measurements("webhook.healthy.latency"));
        m.addAll(healthyDuringFaults.measurements("webhook.healthy_in_faults.latency"));
        return m;
    }
}
