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
 * @param commandInstances instances of the command service (decision 0221); null: 1
 * @param queryInstances   instances of the query service; null: 1
 * @param messageWriters   instances of the message writer pool, sharing its durable consumer; null: 1
 * @param metaWriters      instances of the meta writer pool, taking turns on its durable consumer (decision 0222);
 *                         null: 1
 * @param searchIndexers   instances of the search indexer pool, sharing its durable consumer; null: 1
 * @param gatewayRequestsPerUser    the gateway's bound on one verified user's requests per rate window; null: the
 *                                  gateway's default ({@code GatewayConfig.Limits.DEFAULT})
 * @param gatewayRequestsPerAddress the gateway's bound on one client address's requests per rate window (every
 *                                  harness client is one loopback address, so a load run raises it); null: default
 * @param serviceHeapMb    each service JVM's heap in MB, the whole of it committed from the start (decision 0078);
 *                         a stack of many instances lowers it to fit the machine's memory (decision 0223); null:
 *                         {@value #DEFAULT_SERVICE_HEAP_MB}
 * @param jit              how each service JVM of the local stack compiles: {@value #TIERED} (HotSpot's default, C1
 *                         then C2: the fastest code once warm, what a capacity run measures) or {@value #C1} (C1 only:
 *                         compiled within seconds of load, slower code; a gate at a low rate on a shared 2-core
 *                         machine, where C2 would still be compiling minutes in, decision 0294); the engines' JVMs keep
 *                         tiered (their hot paths are heavier: C1 doubled smoke's send p50); null: tiered
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
        @JsonProperty("plantedBug") String plantedBug,
        @JsonProperty("commandInstances") Integer commandInstances,
        @JsonProperty("queryInstances") Integer queryInstances,
        @JsonProperty("messageWriters") Integer messageWriters,
        @JsonProperty("metaWriters") Integer metaWriters,
        @JsonProperty("searchIndexers") Integer searchIndexers,
        @JsonProperty("gatewayRequestsPerUser") Integer gatewayRequestsPerUser,
        @JsonProperty("gatewayRequestsPerAddress") Integer gatewayRequestsPerAddress,
        @JsonProperty("serviceHeapMb") Integer serviceHeapMb,
        @JsonProperty("jit") String jit) {

    public static final String PROXIED = "proxied";
    public static final String DIRECT = "direct";
    public static final String DISK = "disk";
    public static final String UNSYNCED_WRITE_FS = "unsynced-write-fs";
    public static final String ACK_BEFORE_WRITE = "ack-before-write";
    public static final String DROP_INTEREST_DELTA = "drop-interest-delta";
    public static final String SKIP_RESUME = "skip-resume";
    public static final String TIERED = "tiered";
    public static final String C1 = "c1";
    /** The ways a stack's service JVMs can compile. */
    public static final List<String> JITS = List.of(TIERED, C1);
    /** The bugs a stack can be planted with, one at a time. */
    public static final List<String> PLANTED_BUGS = List.of(ACK_BEFORE_WRITE, DROP_INTEREST_DELTA, SKIP_RESUME);

    public static final int DEFAULT_SERVICE_HEAP_MB = 256;
    public static final int MIN_SERVICE_HEAP_MB = 64;

    public static final StackShape DEFAULT = new StackShape(3, 1, 1, 2, null, null, null, null, null);

    public StackShape {
        // a stack.json written before these fields, and every shorter constructor, means one of each
        commandInstances = commandInstances == null ? 1 : commandInstances;
        queryInstances = queryInstances == null ? 1 : queryInstances;
        messageWriters = messageWriters == null ? 1 : messageWriters;
        metaWriters = metaWriters == null ? 1 : metaWriters;
        searchIndexers = searchIndexers == null ? 1 : searchIndexers;
        serviceHeapMb = serviceHeapMb == null ? DEFAULT_SERVICE_HEAP_MB : serviceHeapMb;
        jit = jit == null ? TIERED : jit;
        require(JITS.contains(jit), "jit must be tiered or c1");
        require(
                serviceHeapMb >= MIN_SERVICE_HEAP_MB,
                "serviceHeapMb must be at least " + MIN_SERVICE_HEAP_MB + " (a service does not start in less)");
        require(commandInstances >= 1, "commandInstances must be at least 1");
        require(queryInstances >= 1, "queryInstances must be at least 1");
        require(messageWriters >= 1, "messageWriters must be at least 1");
        require(metaWriters >= 1, "metaWriters must be at least 1");
        require(searchIndexers >= 1, "searchIndexers must be at least 1");
        require(
                gatewayRequestsPerUser == null || gatewayRequestsPerUser >= 1,
                "gatewayRequestsPerUser must be at least 1");
        require(
                gatewayRequestsPerAddress == null || gatewayRequestsPerAddress >= 1,
                "gatewayRequestsPerAddress must be at least 1");
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

    /** One instance of each stateless service but the fan-out and notification ones, gateway limits by default. */
    public StackShape(
            int natsNodes,
            int cassandraNodes,
            int fanoutInstances,
            int notificationInstances,
            String natsSyncInterval,
            String links,
            String natsStorage,
            Boolean gateway,
            String plantedBug) {
        this(
                natsNodes,
                cassandraNodes,
                fanoutInstances,
                notificationInstances,
                natsSyncInterval,
                links,
                natsStorage,
                gateway,
                plantedBug,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null);
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
                plantedBug,
                commandInstances,
                queryInstances,
                messageWriters,
                metaWriters,
                searchIndexers,
                gatewayRequestsPerUser,
                gatewayRequestsPerAddress,
                serviceHeapMb,
                jit);
    }

    /** This shape with these instance counts of the command, query and writer services. */
    public StackShape withInstances(int command, int query, int messageWriter, int metaWriter, int searchIndexer) {
        return new StackShape(
                natsNodes,
                cassandraNodes,
                fanoutInstances,
                notificationInstances,
                natsSyncInterval,
                links,
                natsStorage,
                gateway,
                plantedBug,
                command,
                query,
                messageWriter,
                metaWriter,
                searchIndexer,
                gatewayRequestsPerUser,
                gatewayRequestsPerAddress,
                serviceHeapMb,
                jit);
    }

    /** This shape with these gateway rate bounds (null: the gateway's default). */
    public StackShape withGatewayLimits(Integer requestsPerUser, Integer requestsPerAddress) {
        return new StackShape(
                natsNodes,
                cassandraNodes,
                fanoutInstances,
                notificationInstances,
                natsSyncInterval,
                links,
                natsStorage,
                gateway,
                plantedBug,
                commandInstances,
                queryInstances,
                messageWriters,
                metaWriters,
                searchIndexers,
                requestsPerUser,
                requestsPerAddress,
                serviceHeapMb,
                jit);
    }

    /** This shape with each service JVM's heap in MB (null: {@value #DEFAULT_SERVICE_HEAP_MB}). */
    public StackShape withServiceHeap(Integer heapMb) {
        return new StackShape(
                natsNodes,
                cassandraNodes,
                fanoutInstances,
                notificationInstances,
                natsSyncInterval,
                links,
                natsStorage,
                gateway,
                plantedBug,
                commandInstances,
                queryInstances,
                messageWriters,
                metaWriters,
                searchIndexers,
                gatewayRequestsPerUser,
                gatewayRequestsPerAddress,
                heapMb,
                jit);
    }

    /** This shape with its JVMs compiling as {@code newJit} says ({@value #TIERED} or {@value #C1}; null: tiered). */
    public StackShape withJit(String newJit) {
        return new StackShape(
                natsNodes,
                cassandraNodes,
                fanoutInstances,
                notificationInstances,
                natsSyncInterval,
                links,
                natsStorage,
                gateway,
                plantedBug,
                commandInstances,
                queryInstances,
                messageWriters,
                metaWriters,
                searchIndexers,
                gatewayRequestsPerUser,
                gatewayRequestsPerAddress,
                serviceHeapMb,
                newJit);
    }

    /** The options that make a JVM compile as {@link #jit()} says: none for tiered. */
    public List<String> jitOptions() {
        return C1.equals(jit) ? List.of("-XX:TieredStopAtLevel=1") : List.of();
    }

    private static void require(boolean condition, String message) {
        if (!condition) {
            throw new IllegalArgumentException(message);
        }
    }
}
