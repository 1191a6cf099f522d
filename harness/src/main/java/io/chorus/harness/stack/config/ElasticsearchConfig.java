package io.chorus.harness.stack.config;

import java.nio.file.Path;
import java.util.List;

/** The settings one single-node Elasticsearch is started with. */
public final class ElasticsearchConfig {
    private ElasticsearchConfig() {}

    public static List<String> settings(String clusterName, int httpPort, int transportPort, Path data, Path logs) {
        return List.of(
                "-E", "cluster.name=" + clusterName,
                "-E", "discovery.type=single-node",
                "-E", "network.host=127.0.0.1",
                "-E", "http.port=" + httpPort,
                "-E", "transport.port=" + transportPort,
                "-E", "path.data=" + data,
                "-E", "path.logs=" + logs,
                "-E", "xpack.security.enabled=false",
                // a developer's disk may be fuller than production's: never turn indices read-only for that
                "-E", "cluster.routing.allocation.disk.threshold_enabled=false");
    }

    /**
     * The distribution's {@code jvm.options} names its GC log, error file and heap dumps relative to the working
     * folder, which is the (read-only, shared) Elasticsearch home: point them into the run folder instead.
     */
    public static String absoluteJvmPaths(String jvmOptions, Path logs, Path data) {
        return jvmOptions
                .replace("file=logs/", "file=" + logs + "/")
                .replace("-XX:ErrorFile=logs/", "-XX:ErrorFile=" + logs + "/")
                .replace("-XX:HeapDumpPath=data", "-XX:HeapDumpPath=" + data);
    }
}
