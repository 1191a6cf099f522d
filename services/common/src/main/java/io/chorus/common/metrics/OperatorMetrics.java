package io.chorus.common.metrics;

import io.prometheus.client.dropwizard.samplebuilder.CustomMappingSampleBuilder;
import io.prometheus.client.dropwizard.samplebuilder.MapperConfig;
import io.prometheus.client.dropwizard.samplebuilder.SampleBuilder;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The figures operators watch, by their Dropwizard names (what the services register and the admin JSON shows) and
 * their Prometheus names (what dashboards and alerts use, prefixed {@code chorus_}, with the stream, consumer or
 * reason as labels). Every other Dropwizard metric is exported under its own name, dots and dashes as underscores.
 */
public final class OperatorMetrics {
    /** A send answered 2xx: its PubAck came (meter). */
    public static final String SENDS_ACCEPTED = "sends.accepted";

    /** A send refused; {@code sends.refused.<status>} (meter per HTTP status). */
    public static final String SENDS_REFUSED = "sends.refused";

    /** From handing a send's event to JetStream to its PubAck (timer). */
    public static final String PUBACK = "sends.puback";

    /** Open, authenticated sockets of this notification instance (gauge). */
    public static final String SESSIONS = "notification.sessions";

    /** Frames waiting in the outbound queues of this instance's sessions, all together and the deepest one. */
    public static final String OUTBOUND_WAITING = "notification.outbound.waiting";

    public static final String OUTBOUND_DEEPEST = "notification.outbound.deepest";

    /** Events routed to a notification instance by the fan-out (counter). */
    public static final String FANOUT_PUBLISHES = "fanout.publishes";

    private OperatorMetrics() {}

    /** The messages a durable consumer has yet to settle: pending plus unacknowledged (gauge). */
    public static String consumerLag(String stream, String consumer) {
        return "pull." + stream + "." + consumer + ".lag";
    }

    static final List<MapperConfig> MAPPINGS = List.of(
            new MapperConfig(SENDS_ACCEPTED, "chorus_sends_accepted", Map.of()),
            new MapperConfig(SENDS_REFUSED + ".*", "chorus_sends_refused", Map.of("status", "${0}")),
            new MapperConfig(PUBACK, "chorus_puback_seconds", Map.of()),
            new MapperConfig("sends.in-flight", "chorus_sends_in_flight", Map.of()),
            new MapperConfig(SESSIONS, "chorus_sessions", Map.of()),
            new MapperConfig(OUTBOUND_WAITING, "chorus_outbound_queue_frames", Map.of()),
            new MapperConfig(OUTBOUND_DEEPEST, "chorus_outbound_queue_deepest_frames", Map.of()),
            new MapperConfig(FANOUT_PUBLISHES, "chorus_fanout_publishes", Map.of()),
            new MapperConfig("pull.*.*.lag", "chorus_consumer_lag", labels("${0}", "${1}")),
            new MapperConfig("pull.*.*.dead-lettered", "chorus_dead_letters", labels("${0}", "${1}")),
            new MapperConfig("pull.*.*.retried", "chorus_redeliveries", labels("${0}", "${1}")));

    /** Stream and consumer labels, in a fixed order (alphabetical, as the scrape writes them). */
    private static Map<String, String> labels(String stream, String consumer) {
        return new TreeMap<>(Map.of("stream", stream, "consumer", consumer));
    }

    /** Maps the figures above to their Prometheus names; every other metric keeps its own. */
    public static SampleBuilder sampleBuilder() {
        return new CustomMappingSampleBuilder(MAPPINGS);
    }
}
