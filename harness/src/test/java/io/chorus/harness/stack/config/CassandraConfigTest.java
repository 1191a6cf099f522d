package io.chorus.harness.stack.config;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.chorus.harness.stack.PortPlan.CassandraNode;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class CassandraConfigTest {
    private final CassandraNode node = new CassandraNode("cassandra-1", "127.0.0.1", 9142, 7100, 7299);

    @Test
    void yamlSpellsOutEveryDirectoryAndPortOfTheNode() throws Exception {
        JsonNode yaml = new ObjectMapper(new YAMLFactory())
                .readTree(CassandraConfig.yaml(node, List.of(node), Path.of("/run/data/cassandra-1")));

        assertThat(yaml.at("/native_transport_port").asInt()).isEqualTo(9142);
        assertThat(yaml.at("/storage_port").asInt()).isEqualTo(7100);
        assertThat(yaml.at("/listen_address").asText()).isEqualTo("127.0.0.1");
        assertThat(yaml.at("/seed_provider/0/parameters/0/seeds").asText()).isEqualTo("127.0.0.1:7100");
        assertThat(yaml.at("/data_file_directories/0").asText()).isEqualTo("/run/data/cassandra-1/data");
        for (String dir :
                List.of("commitlog_directory", "saved_caches_directory", "hints_directory", "cdc_raw_directory")) {
            assertThat(yaml.get(dir).asText()).startsWith("/run/data/cassandra-1/");
        }
    }

    @Test
    void commandRunsTheDaemonOnItsOwnJmxPortWithJava17Flags() {
        List<String> command = CassandraConfig.command(
                Path.of("/jdk/bin/java"),
                Path.of("/tools/lib"),
                node,
                Path.of("/run/c.yaml"),
                Path.of("/run/logback.xml"),
                Path.of("/run/data"),
                "1G");

        assertThat(command.get(0)).isEqualTo("/jdk/bin/java");
        assertThat(command)
                .contains(
                        "-Dcassandra.jmx.local.port=7299",
                        "-Dcassandra.config=file:///run/c.yaml",
                        "-cp",
                        "/tools/lib/*",
                        "java.base/jdk.internal.misc=ALL-UNNAMED",
                        "-Xmx1G");
        assertThat(command.get(command.size() - 1)).isEqualTo("org.apache.cassandra.service.CassandraDaemon");
    }
}
