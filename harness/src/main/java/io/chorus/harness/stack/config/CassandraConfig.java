package io.chorus.harness.stack.config;

import io.chorus.harness.stack.PortPlan.CassandraNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * {@code cassandra.yaml}, {@code logback.xml} and the JVM command line of one Cassandra node. The
 * {@code cassandra-all} artifact ships neither file, so the harness writes both.
 */
public final class CassandraConfig {
    public static final String CLUSTER_NAME = "chorus";

    /** Cassandra's own Java 17 flags (its jvm17-server.options); without them it cannot reach JDK internals. */
    private static final List<String> JAVA17_FLAGS = List.of(
            "-Djdk.attach.allowAttachSelf=true",
            "--add-exports",
            "java.base/jdk.internal.misc=ALL-UNNAMED",
            "--add-exports",
            "java.management.rmi/com.sun.jmx.remote.internal.rmi=ALL-UNNAMED",
            "--add-exports",
            "java.rmi/sun.rmi.registry=ALL-UNNAMED",
            "--add-exports",
            "java.rmi/sun.rmi.server=ALL-UNNAMED",
            "--add-exports",
            "java.sql/java.sql=ALL-UNNAMED",
            "--add-exports",
            "java.base/java.lang.ref=ALL-UNNAMED",
            "--add-exports",
            "jdk.unsupported/sun.misc=ALL-UNNAMED",
            "--add-exports",
            "jdk.compiler/com.sun.tools.javac.file=ALL-UNNAMED",
            "--add-exports",
            "jdk.attach/sun.tools.attach=ALL-UNNAMED",
            "--add-opens",
            "java.base/java.lang.module=ALL-UNNAMED",
            "--add-opens",
            "java.base/jdk.internal.loader=ALL-UNNAMED",
            "--add-opens",
            "java.base/jdk.internal.ref=ALL-UNNAMED",
            "--add-opens",
            "java.base/jdk.internal.reflect=ALL-UNNAMED",
            "--add-opens",
            "java.base/jdk.internal.math=ALL-UNNAMED",
            "--add-opens",
            "java.base/jdk.internal.module=ALL-UNNAMED",
            "--add-opens",
            "java.base/jdk.internal.util.jar=ALL-UNNAMED",
            "--add-opens",
            "jdk.management/com.sun.management.internal=ALL-UNNAMED",
            "--add-opens",
            "java.base/sun.nio.ch=ALL-UNNAMED",
            "--add-opens",
            "java.base/java.io=ALL-UNNAMED",
            "--add-opens",
            "java.base/java.lang.reflect=ALL-UNNAMED",
            "--add-opens",
            "jdk.compiler/com.sun.tools.javac=ALL-UNNAMED",
            "--add-opens",
            "java.base/java.lang=ALL-UNNAMED",
            "--add-opens",
            "java.base/java.util=ALL-UNNAMED",
            "-Dio.netty.tryReflectionSetAccessible=true",
            "-Dio.netty.allocator.useCacheForAllThreads=true",
            "-Dio.netty.allocator.maxOrder=11");

    private CassandraConfig() {}

    public static String yaml(CassandraNode node, List<CassandraNode> cluster, Path dataDir) {
        String seeds = cluster.stream()
                .limit(1)
                .map(s -> s.host() + ":" + s.storagePort())
                .collect(Collectors.joining(","));
        return """
                cluster_name: %s
                num_tokens: 16
                allocate_tokens_for_local_replication_factor: %d
                partitioner: org.apache.cassandra.dht.Murmur3Partitioner
                authenticator: AllowAllAuthenticator
                authorizer: AllowAllAuthorizer
                data_file_directories:
                  - %s
                commitlog_directory: %s
                saved_caches_directory: %s
                hints_directory: %s
                cdc_raw_directory: %s
                commitlog_sync: periodic
                commitlog_sync_period: 10000ms
                commitlog_segment_size: 32MiB
                seed_provider:
                  - class_name: org.apache.cassandra.locator.SimpleSeedProvider
                    parameters:
                      - seeds: "%s"
                listen_address: %s
                rpc_address: %s
                storage_port: %d
                native_transport_port: %d
                start_native_transport: true
                endpoint_snitch: SimpleSnitch
                memtable_heap_space: 128MiB
                memtable_offheap_space: 128MiB
                concurrent_reads: 16
                concurrent_writes: 16
                concurrent_counter_writes: 8
                auto_snapshot: false
                snapshot_before_compaction: false
                disk_failure_policy: stop
                commit_failure_policy: stop
                """.formatted(
                        CLUSTER_NAME,
                        Math.min(3, cluster.size()),
                        dataDir.resolve("data"),
                        dataDir.resolve("commitlog"),
                        dataDir.resolve("saved_caches"),
                        dataDir.resolve("hints"),
                        dataDir.resolve("cdc_raw"),
                        seeds,
                        node.host(),
                        node.host(),
                        node.storagePort(),
                        node.nativePort());
    }

    /** 1 GiB for a single node; 768 MiB each for a cluster, which must fit beside everything else. */
    public static String heap(int nodes) {
        return nodes > 1 ? "768M" : "1G";
    }

    public static String logback() {
        return """
                <configuration>
                  <appender name="STDOUT" class="ch.qos.logback.core.ConsoleAppender">
                    <encoder><pattern>%d{HH:mm:ss.SSS} %-5level [%thread] %logger{20} - %msg%n</pattern></encoder>
                  </appender>
                  <root level="INFO"><appender-ref ref="STDOUT"/></root>
                </configuration>
                """;
    }

    public static List<String> command(
            Path java, Path lib, CassandraNode node, Path yaml, Path logback, Path dataDir, String heap) {
        List<String> command = new ArrayList<>();
        command.add(java.toString());
        command.addAll(
                List.of("-Xms" + heap, "-Xmx" + heap, "-XX:+UseG1GC", "-XX:+ExitOnOutOfMemoryError", "-Xss512k"));
        command.addAll(JAVA17_FLAGS);
        command.addAll(List.of(
                "-Dcassandra.config=" + yaml.toUri(),
                "-Dlogback.configurationFile=" + logback,
                "-Dcassandra.storagedir=" + dataDir,
                "-Dcassandra.logdir=" + dataDir.resolve("logs"),
                "-Dcassandra-foreground=yes",
                "-Dcassandra.jmx.local.port=" + node.jmxPort(),
                // cut start-up from about 44 s to about 12 s (measured on a 2-core machine)
                "-Dcassandra.ring_delay_ms=1000",
                "-Dcassandra.skip_wait_for_gossip_to_settle=0",
                "-cp",
                lib + "/*",
                "org.apache.cassandra.service.CassandraDaemon"));
        return command;
    }
}
