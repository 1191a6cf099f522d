package io.chorus.harness.checker;

import io.chorus.harness.history.FaultWindow;
import io.chorus.harness.webhook.WebhookDelivery;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.HdrHistogram.Histogram;

/**
 * Judges the webhook fleet's record of a run (issue 20), a pure function of what the workload sent and registered,
 * the nemesis's fault windows, and what each receiver got:
 *
 * <ul>
 *   <li><b>none lost</b>: every sent event a registration subscribes to was answered 2xx by that endpoint at least
 *       once; an endpoint that answered 410 is excused from every event it never accepted: the 410 paused its
 *       registration and dropped its lane's queue, events of other channels made earlier included (decision 0211),
 *       and a paused registration's dead letters are not redelivered (decision 0212);
 *   <li><b>no bad signature</b> on any request;
 *   <li><b>duplicates bounded</b>: 2xx answers beyond the first per endpoint and {@code webhook-id}, at most
 *       {@code maxDuplicateRatio} of the expected deliveries;
 *   <li><b>order</b> per channel per endpoint: the first 2xx of each event in send order, redelivered dead letters
 *       apart (decision 0212: a redelivery is not put back in its original place).
 * </ul>
 *
 * Latency is from the event's {@code timestamp} to its first 2xx arrival: over every endpoint outside its own fault
 * windows, over the endpoints never faulted, and over those healthy endpoints while another one was faulted, so a
 * failing receiver slowing the healthy ones shows as the last against the second.
 */
public final class WebhookChecker {
    public static final String NAME = "webhooks";

    /** What one registration wants: its endpoint (the receiver's name), channels and event types. */
    public record Subscription(String endpoint, Set<String> channelIds, Set<String> types) {
        public Subscription {
            channelIds = Set.copyOf(channelIds);
            types = Set.copyOf(types);
        }

        boolean wants(SentEvent event) {
            return channelIds.contains(event.channelId()) && types.contains(event.type());
        }
    }

    /** An event the workload made, in the order it was sent on its channel. */
    public record SentEvent(String channelId, String clientMsgId, String type, long sentAtMicros) {}

    private final List<Subscription> subscriptions;
    private final List<SentEvent> events;
    private final List<FaultWindow> faults;
    private final Set<String> redelivered;
    private final double maxDuplicateRatio;

    /**
     * @param faults      the nemesis's windows; a window's target is the endpoint it acted on
     * @param redelivered {@code endpoint/webhook-id} of every dead letter the workload redelivered
     */
    public WebhookChecker(
            List<Subscription> subscriptions,
            List<SentEvent> events,
            List<FaultWindow> faults,
            Set<String> redelivered,
            double maxDuplicateRatio) {
        this.subscriptions = List.copyOf(subscriptions);
        this.events = List.copyOf(events);
        this.faults = List.copyOf(faults);
        this.redelivered = Set.copyOf(redelivered);
        this.maxDuplicateRatio = maxDuplicateRatio;
    }

    /** The same checker, told which dead letters have been redelivered since. */
    public WebhookChecker withRedelivered(Set<String> redeliveredSince) {
        return new WebhookChecker(subscriptions, events, faults, redeliveredSince, maxDuplicateRatio);
    }

    public WebhookCheckResult check(List<WebhookDelivery> deliveries) {
        Map<String, List<WebhookDelivery>> byEndpoint = new HashMap<>();
        deliveries.forEach(d ->
                byEndpoint.computeIfAbsent(d.endpoint(), e -> new ArrayList<>()).add(d));
        Tally tally = new Tally();
        for (WebhookDelivery d : deliveries) {
            if (!d.signatureOk()) {
                tally.badSignatures++;
                Examples.add(tally.examples, "bad signature on " + d.endpoint() + " " + d.webhookId());
            }
        }
        Set<String> faulted = new HashSet<>();
        faults.forEach(f -> faulted.add(f.target()));
        for (Subscription s : subscriptions) {
            judge(s, byEndpoint.getOrDefault(s.endpoint(), List.of()), faulted.contains(s.endpoint()), tally);
        }
        long allowed = (long) Math.floor(maxDuplicateRatio * tally.expected);
        long violations = tally.lost + tally.badSignatures + tally.outOfOrder + Math.max(0, tally.duplicates - allowed);
        if (tally.duplicates > allowed) {
            Examples.add(tally.examples, tally.duplicates + " duplicate deliveries, more than " + allowed + " allowed");
        }
        return new WebhookCheckResult(
                new Invariant(NAME, violations, tally.examples),
                tally.expected,
                tally.lost,
                tally.duplicates,
                tally.badSignatures,
                tally.outOfOrder,
                tally.excused,
                LatencySummary.of(tally.outsideFaults),
                LatencySummary.of(tally.healthy),
                LatencySummary.of(tally.healthyDuringFaults));
    }

    private void judge(Subscription s, List<WebhookDelivery> got, boolean faultedEndpoint, Tally tally) {
        Map<String, WebhookDelivery> firstAccepted = new LinkedHashMap<>();
        Map<String, Integer> accepted = new HashMap<>();
        boolean gone = false;
        for (WebhookDelivery d : got) {
            if (d.status() == 410) {
                gone = true;
            }
            if (d.accepted()) {
                firstAccepted.putIfAbsent(key(d.channelId(), d.clientMsgId()), d);
                accepted.merge(d.webhookId(), 1, Integer::sum);
            }
        }
        accepted.values().forEach(n -> tally.duplicates += n - 1);
        Map<String, Integer> rank = new HashMap<>();
        Map<String, Integer> perChannel = new HashMap<>();
        for (SentEvent e : events) {
            if (!s.wants(e)) {
                continue;
            }
            rank.put(key(e.channelId(), e.clientMsgId()), perChannel.merge(e.channelId(), 1, Integer::sum));
            WebhookDelivery d = firstAccepted.get(key(e.channelId(), e.clientMsgId()));
            if (d == null && gone) {
                tally.excused++;
                continue;
            }
            tally.expected++;
            if (d == null) {
                tally.lost++;
                Examples.add(
                        tally.examples,
                        e.type() + " " + e.clientMsgId() + " on " + e.channelId() + " never reached " + s.endpoint());
            } else {
                latency(s.endpoint(), d, faultedEndpoint, tally);
            }
        }
        order(s.endpoint(), firstAccepted.values(), rank, tally);
    }

    private void order(String endpoint, Iterable<WebhookDelivery> arrivals, Map<String, Integer> rank, Tally tally) {
        Map<String, Integer> highest = new HashMap<>();
        for (WebhookDelivery d : arrivals) {
            Integer r = rank.get(key(d.channelId(), d.clientMsgId()));
            if (r == null || redelivered.contains(endpoint + "/" + d.webhookId())) {
                continue;
            }
            int before = highest.getOrDefault(d.channelId(), 0);
            if (r < before) {
                tally.outOfOrder++;
                Examples.add(
                        tally.examples,
                        d.clientMsgId() + " reached " + endpoint + " after a later event of " + d.channelId());
            } else {
                highest.put(d.channelId(), r);
            }
        }
    }

    private void latency(String endpoint, WebhookDelivery d, boolean faultedEndpoint, Tally tally) {
        if (redelivered.contains(endpoint + "/" + d.webhookId()) || d.eventAtMicros() == 0) {
            return;
        }
        long micros = Math.max(0, d.latencyMicros());
        if (!overlaps(endpoint, d.eventAtMicros(), d.receivedAtMicros())) {
            tally.outsideFaults.recordValue(micros);
        }
        if (!faultedEndpoint) {
            tally.healthy.recordValue(micros);
            if (overlapsAnyFault(d.eventAtMicros(), d.receivedAtMicros())) {
                tally.healthyDuringFaults.recordValue(micros);
            }
        }
    }

    private boolean overlaps(String endpoint, long from, long to) {
        return faults.stream().anyMatch(f -> f.target().equals(endpoint) && f.time() <= to && from <= f.end());
    }

    private boolean overlapsAnyFault(long from, long to) {
        return faults.stream().anyMatch(f -> f.time() <= to && from <= f.end());
    }

    private static String key(String channelId, String clientMsgId) {
        return channelId + "/" + clientMsgId;
    }

    private static final class Tally {
        long expected;
        long lost;
        long duplicates;
        long badSignatures;
        long outOfOrder;
        long excused;
        final List<String> examples = Examples.list();
        final Histogram outsideFaults = LatencySummary.histogram();
        final Histogram healthy = LatencySummary.histogram();
        final Histogram healthyDuringFaults = LatencySummary.histogram();
    }
}
