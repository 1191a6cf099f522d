package io.chorus.harness.checker;

import io.chorus.harness.scenario.MixOperation;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A number the checker computes from a history, which an SLO can bound and {@code harness compare} can track.
 * The catalog below is the whole vocabulary: a scenario naming anything else is invalid.
 *
 * @param unit      {@code ms}, {@code msg/s}, {@code count} or {@code ratio}
 * @param direction which way is better, so a comparison knows a regression from an improvement
 */
public record Metric(String name, String unit, Direction direction, String description) {
    public enum Direction {
        LOWER_IS_BETTER,
        HIGHER_IS_BETTER
    }

    private static final Map<String, Metric> CATALOG = catalog();

    public static Optional<Metric> find(String name) {
        return Optional.ofNullable(CATALOG.get(name));
    }

    public static List<Metric> all() {
        return List.copyOf(CATALOG.values());
    }

    public static List<String> names() {
        return Collections.unmodifiableList(new ArrayList<>(CATALOG.keySet()));
    }

    public boolean isLatency() {
        return unit.equals("ms");
    }

    private static Map<String, Metric> catalog() {
        Map<String, Metric> m = new LinkedHashMap<>();
        List<String> percentiles =
                Arrays.stream(LatencySummary.Level.values()).map(l -> l.label).toList();
        for (String p : percentiles) {
            add(
                    m,
                    "send.latency." + p,
                    "ms",
                    Direction.LOWER_IS_BETTER,
                    "send latency " + p + ": from the intended send time to the 202");
        }
        for (String p : percentiles) {
            add(
                    m,
                    "delivery.latency." + p,
                    "ms",
                    Direction.LOWER_IS_BETTER,
                    "delivery latency " + p + ": from the intended send time to receipt on another member's socket");
        }
        add(
                m,
                "send.latency." + LatencyChecker.FLOOR,
                "ms",
                Direction.LOWER_IS_BETTER,
                "send latency floor: the first percentile, what a send takes when it waits for almost nothing");
        add(
                m,
                "delivery.latency." + LatencyChecker.FLOOR,
                "ms",
                Direction.LOWER_IS_BETTER,
                "delivery latency floor: the first percentile, what a delivery takes when it waits for almost nothing");
        for (String p : percentiles) {
            add(
                    m,
                    "session.ready." + p,
                    "ms",
                    Direction.LOWER_IS_BETTER,
                    "connect-to-ready " + p + ": from opening the WebSocket to its ready frame");
        }
        add(
                m,
                "delivery.latency.busy_p95",
                "ms",
                Direction.LOWER_IS_BETTER,
                "delivery latency p95 at online users in at least 1,000 channels");
        add(
                m,
                "delivery.latency.light_p95",
                "ms",
                Direction.LOWER_IS_BETTER,
                "delivery latency p95 at online users in at most 10 channels");
        add(
                m,
                "delivery.latency.busy_ratio",
                "ratio",
                Direction.LOWER_IS_BETTER,
                "delivery.latency.busy_p95 / delivery.latency.light_p95: what being in many channels costs");
        add(m, "messages.offered", "count", Direction.HIGHER_IS_BETTER, "sends the workload attempted");
        add(m, "messages.acked", "count", Direction.HIGHER_IS_BETTER, "sends answered 202");
        add(
                m,
                "messages.lost",
                "count",
                Direction.LOWER_IS_BETTER,
                "202-acknowledged messages missing from the store listing");
        add(
                m,
                "messages.stored_twice",
                "count",
                Direction.LOWER_IS_BETTER,
                "sends stored more than once: an acknowledged one by message id or client message id, an unanswered one "
                        + "by client message id (two message ids for one channel and clientMsgId)");
        add(
                m,
                "deliveries.expected",
                "count",
                Direction.HIGHER_IS_BETTER,
                "deliveries owed: acknowledged messages times members online throughout");
        add(
                m,
                "deliveries.missing",
                "count",
                Direction.LOWER_IS_BETTER,
                "owed deliveries that never reached the member's socket");
        add(
                m,
                "deliveries.duplicated",
                "count",
                Direction.LOWER_IS_BETTER,
                "receipts of a message a receiver had already received");
        add(
                m,
                "order.violations",
                "count",
                Direction.LOWER_IS_BETTER,
                "receipts whose seq is not above the previous one of the same channel at the same receiver");
        add(m, "rate.offered", "msg/s", Direction.HIGHER_IS_BETTER, "sends per second the phases offered");
        add(m, "rate.achieved", "msg/s", Direction.HIGHER_IS_BETTER, "202s per second over the same time");
        add(m, "rate.achieved_ratio", "ratio", Direction.HIGHER_IS_BETTER, "rate.achieved / rate.offered");
        add(m, "errors.total", "count", Direction.LOWER_IS_BETTER, "sends that failed or got no answer");
        add(
                m,
                "search.missing",
                "count",
                Direction.LOWER_IS_BETTER,
                "messages history holds that the search index lacks (collected when a scenario wipes the index)");
        add(
                m,
                "search.extra",
                "count",
                Direction.LOWER_IS_BETTER,
                "documents with text in the search index that history does not hold, or holds once only");
        add(
                m,
                "rebuild.events_per_s",
                "msg/s",
                Direction.HIGHER_IS_BETTER,
                "events per second of the slowest store rebuild a wipe-and-rebuild fault ran");
        add(m, "errors.ratio", "ratio", Direction.LOWER_IS_BETTER, "errors.total / messages.offered");
        add(
                m,
                "fanout.publishes_per_message",
                "ratio",
                Direction.LOWER_IS_BETTER,
                "fan-out publishes to instance inboxes per message (from fan-out metrics and NATS monitoring)");
        add(
                m,
                "nats.subscriptions_per_instance",
                "count",
                Direction.LOWER_IS_BETTER,
                "the most NATS event subscriptions any notification instance held");
        add(
                m,
                "resume.gaps",
                "count",
                Direction.LOWER_IS_BETTER,
                "messages owed to members who dropped and reconnected (from their first socket on) that never arrived");
        add(
                m,
                "resume.members",
                "count",
                Direction.HIGHER_IS_BETTER,
                "members whose socket dropped during the run and who had a socket ready again");
        add(
                m,
                "resume.resyncs",
                "count",
                Direction.LOWER_IS_BETTER,
                "resumes the server answered resync_required (the gap was read from history, not replayed)");
        add(
                m,
                "resume.from_history",
                "count",
                Direction.LOWER_IS_BETTER,
                "messages owed to reconnected members that they had only from a history read after resync_required");
        add(
                m,
                "resume.gone_members",
                "count",
                Direction.LOWER_IS_BETTER,
                "members whose last socket dropped during the run and who were not ready again before its end");
        add(
                m,
                "resume.gone_owed",
                "count",
                Direction.LOWER_IS_BETTER,
                "messages owed to those members from their first socket to the end of the run");
        add(
                m,
                "resume.gone_missing",
                "count",
                Direction.LOWER_IS_BETTER,
                "of those, the ones they never had, live or from a history read");
        add(
                m,
                "errors.unavailable",
                "count",
                Direction.LOWER_IS_BETTER,
                "sends refused 503 (the backbone could not promise durability): allowed under faults, never a 202");
        add(
                m,
                "errors.other",
                "count",
                Direction.LOWER_IS_BETTER,
                "sends that failed other than with a 503, got no answer, or never completed: never allowed under faults");
        add(
                m,
                "fault.send.latency.p95",
                "ms",
                Direction.LOWER_IS_BETTER,
                "send latency p95 of the sends intended during fault windows");
        add(
                m,
                "fault.delivery.latency.p95",
                "ms",
                Direction.LOWER_IS_BETTER,
                "delivery latency p95 of the sends intended during fault windows");
        add(
                m,
                "recovery.send.latency.p95",
                "ms",
                Direction.LOWER_IS_BETTER,
                "send latency p95 in the recovery period after each fault window (as long again, at least 30 s)");
        add(
                m,
                "recovery.delivery.latency.p95",
                "ms",
                Direction.LOWER_IS_BETTER,
                "delivery latency p95 in the recovery period after each fault window");
        add(
                m,
                "recovery.reconnect.max",
                "ms",
                Direction.LOWER_IS_BETTER,
                "the longest time a client whose socket dropped in a fault took to have a ready socket again");
        add(
                m,
                "recovery.clients_not_back",
                "count",
                Direction.LOWER_IS_BETTER,
                "clients whose socket dropped in a fault and who never had one ready again");
        add(
                m,
                "recovery.catchup.max",
                "ms",
                Direction.LOWER_IS_BETTER,
                "after a fault healed: until the last receipt of any message accepted during it");
        add(
                m,
                "recovery.lag_drain.max",
                "ms",
                Direction.LOWER_IS_BETTER,
                "after a fault healed: until every durable consumer's pending count was back to its level before it");
        add(
                m,
                "throughput.highest_held",
                "msg/s",
                Direction.HIGHER_IS_BETTER,
                "in a ramp: the highest step rate at which every other SLO held, below the knee");
        add(
                m,
                "throughput.knee",
                "msg/s",
                Direction.HIGHER_IS_BETTER,
                "in a ramp: the rate of the first step of a sustained break (3 breached steps in a row, or to the end)");
        add(
                m,
                "jetstream.publish_rate",
                "msg/s",
                Direction.HIGHER_IS_BETTER,
                "the raw JetStream publish rate of the same cluster (nats bench js pub async, same replicas and size)");
        add(
                m,
                "throughput.vs_jetstream",
                "ratio",
                Direction.HIGHER_IS_BETTER,
                "throughput.highest_held / jetstream.publish_rate: the share of raw JetStream the backend sustains");
        pushMetrics(m, percentiles);
        add(m, "webhook.expected", "count", Direction.HIGHER_IS_BETTER, "webhook deliveries the checker expected");
        add(
                m,
                "webhook.lost",
                "count",
                Direction.LOWER_IS_BETTER,
                "subscribed events that never reached a registered endpoint with a 2xx answer");
        add(
                m,
                "webhook.duplicates",
                "count",
                Direction.LOWER_IS_BETTER,
                "2xx answers beyond the first for one endpoint and webhook-id");
        for (String p : percentiles) {
            add(
                    m,
                    "webhook.latency." + p,
                    "ms",
                    Direction.LOWER_IS_BETTER,
                    "webhook latency " + p + ": from the event's timestamp to its first 2xx arrival, outside the"
                            + " endpoint's own fault windows");
        }
        for (String p : percentiles) {
            add(
                    m,
                    "webhook.healthy.latency." + p,
                    "ms",
                    Direction.LOWER_IS_BETTER,
                    "webhook latency " + p + " at the endpoints no fault acted on");
        }
        for (String p : percentiles) {
            add(
                    m,
                    "webhook.healthy_in_faults.latency." + p,
                    "ms",
                    Direction.LOWER_IS_BETTER,
                    "webhook latency " + p + " at the endpoints no fault acted on, while another endpoint was faulted");
        }
        operationMetrics(m, percentiles);
        return m;
    }

    /** The figures of a phase's mix of operations (decision 0255): latency and refusals per operation. */
    private static void operationMetrics(Map<String, Metric> m, List<String> percentiles) {
        for (String op : MixOperation.recorded()) {
            for (String p : percentiles) {
                add(
                        m,
                        "op." + op + "." + p,
                        "ms",
                        Direction.LOWER_IS_BETTER,
                        op + " latency " + p + ": from the intended time to the answer, outside warm-up phases");
            }
            add(m, "op." + op + ".count", "count", Direction.HIGHER_IS_BETTER, op + " operations made");
            add(
                    m,
                    "op." + op + ".failed",
                    "count",
                    Direction.LOWER_IS_BETTER,
                    op + " operations refused or unanswered");
        }
        add(m, "op.churn.count", "count", Direction.HIGHER_IS_BETTER, "sockets dropped on purpose to reconnect");
        add(
                m,
                "reactions.missing",
                "count",
                Direction.LOWER_IS_BETTER,
                "reactions added (and not removed) that history did not show after the load");
        add(
                m,
                "removal.leaks",
                "count",
                Direction.LOWER_IS_BETTER,
                "events of a channel a socket received after its channel_removed, or removals never told");
        add(
                m,
                "unread.mismatched",
                "count",
                Direction.LOWER_IS_BETTER,
                "read marks or unread counts of my-channels that disagree with the run's history");
    }

    private static void pushMetrics(Map<String, Metric> m, List<String> percentiles) {
        add(
                m,
                "push.owed",
                "count",
                Direction.HIGHER_IS_BETTER,
                "notifications owed: devices of offline users a direct message or a mention addressed, author aside");
        add(m, "push.lost", "count", Direction.LOWER_IS_BETTER, "owed notifications no fake provider accepted");
        add(
                m,
                "push.duplicated",
                "count",
                Direction.LOWER_IS_BETTER,
                "notifications accepted again for a message and device (collapse id or not)");
        add(
                m,
                "push.to_online",
                "count",
                Direction.LOWER_IS_BETTER,
                "notifications to a device of a user with a live session when the message was sent");
        add(
                m,
                "push.to_author",
                "count",
                Direction.LOWER_IS_BETTER,
                "notifications to a device of the message's author");
        for (String p : percentiles) {
            add(
                    m,
                    "push.latency." + p,
                    "ms",
                    Direction.LOWER_IS_BETTER,
                    "push latency " + p + ": from the intended send time to the provider's acceptance, outside faults");
        }
    }

    private static void add(Map<String, Metric> m, String name, String unit, Direction d, String description) {
        m.put(name, new Metric(name, unit, d, description));
    }
}
