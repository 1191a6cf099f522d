package io.chorus.harness.stack.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class ElasticsearchConfigTest {
    @Test
    void jvmOptionsWriteIntoTheRunFolderNotTheSharedHome() {
        String original = """
                -XX:HeapDumpPath=data
                -XX:ErrorFile=logs/hs_err_pid%p.log
                -Xlog:gc*,gc+age=trace,safepoint:file=logs/gc.log:utctime,level,pid,tags:filecount=32,filesize=64m
                """;
        String fixed = ElasticsearchConfig.absoluteJvmPaths(original, Path.of("/run/es/logs"), Path.of("/run/es/data"));

        assertThat(fixed)
                .contains(
                        "-XX:HeapDumpPath=/run/es/data",
                        "-XX:ErrorFile=/run/es/logs/hs_err_pid%p.log",
                        "file=/run/es/logs/gc.log:")
                .doesNotContain("=logs/", "=data\n");
    }

    @Test
    void settingsKeepTheNodeSingleLocalAndUnsecured() {
        assertThat(ElasticsearchConfig.settings("c", 9201, 9301, Path.of("/d"), Path.of("/l")))
                .contains(
                        "discovery.type=single-node",
                        "network.host=127.0.0.1",
                        "http.port=9201",
                        "transport.port=9301",
                        "path.data=/d",
                        "path.logs=/l",
                        "xpack.security.enabled=false");
    }
}
