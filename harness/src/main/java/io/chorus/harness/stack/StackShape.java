package io.chorus.harness.stack;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

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
 * @param natsStorage      {@value #DISK} (each NATS node's store on the run folder's disk) or {@value #UNSYNCED_WRITE_FS}
 *                         (each store on its own mount of the unsynced-write filesystem, which a {@code power-loss}
 *                         fault can make lose every write not yet fsynced, decision 0125); null: disk
 * @param gateway          whether clients enter through the stack's gateway (decision 0220); null: yes
 * @param plantedBug       tests of {@code harness explore} only: a known bug the stack's services run with
 *                         ({@value #ACK_BEFORE_WRITE}: the message writer acks a batch before its write lands;
 *                         {@value #DROP_INTEREST_DELTA}: the fan-out drops each instance's first interest delta;
 *                         {@value #SKIP_RESUME}: notification instances skip the replay of a resume), so an
 *                         exploration can be shown to find it (decisions 0241, 0242); null: none, the services as
 *                         shipped
 */
public record StackShape(
        @JsonProperty("natsNodes") int natsNodes,
        @JsonProperty("cassandraNodes") int cassandraNodes,
        @JsonProperty("fanoutInstances") int fanoutInstances,
        @JsonProperty("notificationInstances") int notificationInstances,
        @JsonProperty("natsSyncInterval") String natsSyncInterval,
        @JsonProperty("links") String links,
        @JsonProperty("natsStorage") String natsStorage,
        @JsonProperty("gateway") Boolean gateway,
        @JsonProperty("plantedBug") String plantedBug) {

    public static final String PROXIED = "proxied";
    public static final String DIRECT = "direct";
    public static final String DISK = "disk";
    public static final String UNSYNCED_WRITE_FS = "unsynced-write-fs";
    public static final String ACK_BEFORE_WRITE = "ack-before-write";
    public static final String DROP_INTEREST_DELTA = "drop-interest-delta";
    public static final String SKIP_RESUME = "skip-resume";
    /** The bugs a stack can be planted with, one at a time. */
    public static final List<String> PLANTED_BUGS = List.of(ACK_BEFORE_WRITE, DROP_INTEREST_DELTA, SKIP_RESUME);

    public static final StackShape DEFAULT = new StackShape(3, 1, 1, 2, null, null, null, null, null);

    public StackShape {
        require(links == null || links.equals(PROXIED) || links.equals(DIRECT), "links must be proxied or direct");
        require(
                natsStorage == null || natsStorage.equals(DISK) || natsStorage.equals(UNSYNCED_WRITE_FS),
                "natsStorage must be disk or unsynced-write-fs");
        require(
                plantedBug == null || PLANTED_BUGS.contains(plantedBug),
                "plantedBug must be one of " + String.join(", ", PLANTED_BUGS));
        require(natsNodes >= 1, "natsNodes must be at least 1");
        require(cassandraNodes >= 1, "cassandraNodes must be at least 1");
        require(fanoutInstances >= 1, "fanoutInstances must be at least 1");
        require(notificationInstances >= 1, "notificationInstances must be at least 1");
    }

    /** A stack whose services run as shipped, with no planted bug. */
    public StackShape(
            int natsNodes,
            int cassandraNodes,
            int fanoutInstances,
            int notificationInstances,
            String natsSyncInterval,
            String links,
            String natsStorage,
            Boolean gateway) {
        this(
                natsNodes,
                cassandraNodes,
                fanoutInstances,
                notificationInstances,
                natsSyncInterval,
                links,
                natsStorage,
                gateway,
                null);
    }

    /** A stack with a gateway (the default). */
    public StackShape(
            int natsNodes,
            int cassandraNodes,
            int fanoutInstances,
            int notificationInstances,
            String natsSyncInterval,
            String links,
            String natsStorage) {
        this(
                natsNodes,
                cassandraNodes,
                fanoutInstances,
                notificationInstances,
                natsSyncInterval,
                links,
                natsStorage,
                null,
                null);
    }

    /** A stack whose NATS nodes store on the disk. */
    public StackShape(
            int natsNodes,
            int cassandraNodes,
            int fanoutInstances,
            int notificationInstances,
            String natsSyncInterval,
            String links) {
        this(
                natsNodes,
                cassandraNodes,
                fanoutInstances,
                notificationInstances,
                natsSyncInterval,
                links,
                null,
                null,
                null);
    }

    /** Whether each NATS node stores on the unsynced-write filesystem, where a power loss can be simulated. */
    public boolean natsOnUnsyncedWriteFs() {
        return UNSYNCED_WRITE_FS.equals(natsStorage);
    }

    /** Whether the stack runs its gateway, the one entry point for clients (decision 0220). */
    public boolean gatewayEnabled() {
        return gateway == null || gateway;
    }

    /** Whether services dial the engines themselves, with no Toxiproxy proxy between (no link faults possible). */
    public boolean directLinks() {
        return DIRECT.equals(links);
    }

    public StackShape withLinks(String newLinks) {
        return new StackShape(
                natsNodes,
                cassandraNodes,
                fanoutInstances,
                notificationInstances,
                natsSyncInterval,
                newLinks,
                natsStorage,
                gateway,
                plantedBug);
    }

    private static void require(boolean condition, String message) {
        if (!condition) {
            throw new IllegalArgumentException(message);
        }
    }
}
