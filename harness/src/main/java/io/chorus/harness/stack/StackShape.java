package io.chorus.harness.stack;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * How many of each component a stack runs. The default is the local stack of the Foundation issue:
 * 3 NATS nodes, 1 Cassandra node, 1 fan-out, 2 notification instances.
 *
 * @param natsSyncInterval JetStream's {@code sync_interval} ({@code always}, or a duration such as {@code 2m});
 *                         null keeps the server default (lazy fsync)
 */
public record StackShape(
        @JsonProperty("natsNodes") int natsNodes,
        @JsonProperty("cassandraNodes") int cassandraNodes,
        @JsonProperty("fanoutInstances") int fanoutInstances,
        @JsonProperty("notificationInstances") int notificationInstances,
        @JsonProperty("natsSyncInterval") String natsSyncInterval) {

    public static final StackShape DEFAULT = new StackShape(3, 1, 1, 2, null);

    public StackShape {
        require(natsNodes >= 1, "natsNodes must be at least 1");
        require(cassandraNodes >= 1, "cassandraNodes must be at least 1");
        require(fanoutInstances >= 1, "fanoutInstances must be at least 1");
        require(notificationInstances >= 1, "notificationInstances must be at least 1");
    }

    private static void require(boolean condition, String message) {
        if (!condition) {
            throw new IllegalArgumentException(message);
        }
    }
}
