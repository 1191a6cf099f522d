package io.chorus.harness.stack;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * How many of each component a stack runs. The default local stack:
 * 3 NATS nodes, 1 Cassandra node, 1 fan-out, 2 notification instances.
 *
 * @param natsSyncInterval JetStream's {@code sync_interval} ({@code always}, or a duration such as {@code 2m});
 *                         null keeps the server default (lazy fsync)
 * @param links            {@value #PROXIED} (each service-to-engine connection through its own Toxiproxy proxy, so
 *                         link faults can be injected) or {@value #DIRECT} (services dial the engines: what a run
 *                         without faults measures, decision 0091); null: not chosen yet, which a stack runs as
 *                         proxied (a scenario chooses by its faults)
 */
public record StackShape(
        @JsonProperty("natsNodes") int natsNodes,
        @JsonProperty("cassandraNodes") int cassandraNodes,
        @JsonProperty("fanoutInstances") int fanoutInstances,
        @JsonProperty("notificationInstances") int notificationInstances,
        @JsonProperty("natsSyncInterval") String natsSyncInterval,
        @JsonProperty("links") String links) {

    public static final String PROXIED = "proxied";
    public static final String DIRECT = "direct";
    public static final StackShape DEFAULT = new StackShape(3, 1, 1, 2, null, null);

    public StackShape {
        require(links == null || links.equals(PROXIED) || links.equals(DIRECT), "links must be proxied or direct");
        require(natsNodes >= 1, "natsNodes must be at least 1");
        require(cassandraNodes >= 1, "cassandraNodes must be at least 1");
        require(fanoutInstances >= 1, "fanoutInstances must be at least 1");
        require(notificationInstances >= 1, "notificationInstances must be at least 1");
    }

    /** Whether services dial the engines themselves, with no Toxiproxy proxy between (no link faults possible). */
    public boolean directLinks() {
        return DIRECT.equals(links);
    }

    public StackShape withLinks(String newLinks) {
        return new StackShape(natsNodes, cassandraNodes, fanoutInstances, notificationInstances, natsSyncInterval,
                newLinks);
    }

    private static void require(boolean condition, String message) {
        if (!condition) {
            throw new IllegalArgumentException(message);
        }
    }
}
