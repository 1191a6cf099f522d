package io.chorus.harness.stack.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.chorus.harness.stack.PortPlan.NatsNode;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class NatsConfigTest {
    private final List<NatsNode> cluster = List.of(
            new NatsNode("nats-1", 4001, 6001, 8001),
            new NatsNode("nats-2", 4002, 6002, 8002),
            new NatsNode("nats-3", 4003, 6003, 8003));

    @Test
    void eachNodeRoutesToTheOthersButNotItself() {
        String conf = NatsConfig.render(cluster.get(1), cluster, Path.of("/run/data/nats-2"), null);

        assertThat(conf)
                .contains(
                        "server_name: nats-2",
                        "listen: 127.0.0.1:4002",
                        "http: 127.0.0.1:8002",
                        "listen: 127.0.0.1:6002",
                        "routes: [nats://127.0.0.1:6001, nats://127.0.0.1:6003]",
                        "store_dir: \"/run/data/nats-2\"",
                        "no_advertise: true",
                        "name: chorus");
        assertThat(conf).doesNotContain("127.0.0.1:6002,", "sync_interval");
    }

    @Test
    void syncIntervalIsWrittenOnlyWhenAsked() {
        assertThat(NatsConfig.render(cluster.get(0), cluster, Path.of("/d"), "always"))
                .contains("sync_interval: always");
    }

    @Test
    void aSingleNodeHasNoClusterBlock() {
        String conf = NatsConfig.render(cluster.get(0), cluster.subList(0, 1), Path.of("/d"), null);
        assertThat(conf).contains("jetstream {").doesNotContain("cluster {");
    }

    @Test
    void withAUserEveryNodeAdmitsOnlyItAndRoutesStayOpen() {
        NatsUser user = NatsUser.of("stack-secret");

        String conf = NatsConfig.render(cluster.get(0), cluster, Path.of("/d"), null, user);

        assertThat(conf)
                .contains("authorization {", "{user: \"chorus\", password: \"" + user.password() + "\"}")
                .contains("cluster {");
        assertThat(conf.substring(conf.indexOf("cluster {"))).doesNotContain("authorization");
        assertThat(NatsConfig.render(cluster.get(0), cluster, Path.of("/d"), null))
                .doesNotContain("authorization");
    }

    @Test
    void theUsersPasswordIsDerivedFromTheStacksSecretAndGoesInItsUrls() {
        NatsUser user = NatsUser.of("stack-secret");

        assertThat(user.password())
                .hasSize(64)
                .isNotEqualTo(NatsUser.of("another-secret").password());
        assertThat(user.password()).isEqualTo(NatsUser.of("stack-secret").password());
        assertThat(user.url("127.0.0.1:4001")).isEqualTo("nats://chorus:" + user.password() + "@127.0.0.1:4001");
    }
}
