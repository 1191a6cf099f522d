package io.chorus.harness.stack.config;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.chorus.common.auth.DevelopmentTokens;
import io.chorus.harness.stack.Engine;
import io.chorus.harness.stack.PortAllocator;
import io.chorus.harness.stack.PortPlan;
import io.chorus.harness.stack.ServiceProcess;
import io.chorus.harness.stack.StackShape;
import io.chorus.harness.stack.Topology;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class ServiceConfigTest {
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private final List<ServiceProcess> services = Topology.services(StackShape.DEFAULT);
    private final Map<String, ServiceProcess> byName =
            services.stream().collect(Collectors.toMap(ServiceProcess::name, Function.identity()));
    private final PortPlan plan =
            PortPlan.allocate(StackShape.DEFAULT, services, new PortAllocator(p -> true, Set.of(), new Random(7)));

    @Test
    void servicesReachEnginesOnlyThroughTheirOwnLinksProxies() throws Exception {
        JsonNode query = render("query");

        assertThat(texts(query.at("/nats/urls")))
                .containsExactlyElementsOf(plan.proxiesOf("query -> nats").stream()
                        .map(p -> "nats://127.0.0.1:" + p.listen())
                        .toList());
        assertThat(texts(query.at("/cassandra/contactPoints")))
                .containsExactly("127.0.0.1:"
                        + plan.proxiesOf("query -> cassandra").get(0).listen());
        assertThat(query.at("/mongo/uri").asText())
                .isEqualTo("mongodb://127.0.0.1:"
                        + plan.proxiesOf("query -> mongo").get(0).listen() + "/?directConnection=true");
        assertThat(query.at("/elasticsearch/url").asText())
                .isEqualTo("http://127.0.0.1:"
                        + plan.proxiesOf("query -> elasticsearch").get(0).listen());
        assertThat(query.at("/server/applicationConnectors/0/port").asInt())
                .isEqualTo(plan.services().get("query").application());
        assertThat(query.at("/server/adminConnectors/0/port").asInt())
                .isEqualTo(plan.services().get("query").admin());
        assertThat(query.at("/pageCursorKey").asText())
                .as("a key of its own, not the JWT secret")
                .hasSize(64)
                .isNotEqualTo(query.at("/auth/hmacSecret").asText());
    }

    @Test
    void onlyTheQueryServiceGetsTheSearchCursorKeyOfItsOwn() throws Exception {
        String key = render("query").path("searchCursorKey").asText();

        assertThat(key)
                .hasSize(64)
                .isNotEqualTo(render("command").path("messageAuthorKey").asText());
        assertThat(render("command").has("searchCursorKey")).isFalse();
    }

    @Test
    void eachServiceGetsExactlyTheEnginesItUses() throws Exception {
        for (ServiceProcess service : services) {
            JsonNode config = render(service.name());
            for (Engine engine : Engine.values()) {
                String key = engine == Engine.NATS ? "nats" : engine.linkName();
                assertThat(config.has(key))
                        .as(service.name() + " has " + key)
                        .isEqualTo(service.engines().contains(engine));
            }
        }
    }

    @Test
    void workersNameTheirPoolAndNotificationInstancesTheirId() throws Exception {
        assertThat(render("message-writer").at("/pool").asText()).isEqualTo("message-writer");
        assertThat(render("notification-2").at("/instanceId").asText()).isEqualTo("notification-2");
        assertThat(render("command").has("pool")).isFalse();
    }

    @Test
    void everyInstanceOfAPoolRunsThatPoolAndOnlySeveralMetaWritersTakeTurns() throws Exception {
        StackShape scaled = new StackShape(3, 1, 1, 2, null, StackShape.DIRECT).withInstances(2, 2, 2, 2, 2);
        List<ServiceProcess> all = Topology.services(scaled);
        PortPlan wide = PortPlan.allocate(scaled, all, new PortAllocator(p -> true, Set.of(), new Random(7)));
        Map<String, JsonNode> configs = all.stream()
                .collect(Collectors.toMap(ServiceProcess::name, s -> parse(ServiceConfig.render(s, wide, "s3cret"))));

        assertThat(configs.get("message-writer-2").at("/pool").asText()).isEqualTo("message-writer");
        assertThat(configs.get("message-writer-2")
                        .at("/messageWriter/replicationFactor")
                        .asInt())
                .isEqualTo(1);
        assertThat(configs.get("search-indexer-2").at("/pool").asText()).isEqualTo("search-indexer");
        assertThat(configs.get("meta-writer-2").at("/pool").asText()).isEqualTo("meta-writer");
        assertThat(configs.get("meta-writer").at("/metaWriter/takeTurns").asBoolean())
                .isTrue();
        assertThat(configs.get("meta-writer-2").at("/metaWriter/takeTurns").asBoolean())
                .isTrue();
        assertThat(render("meta-writer").has("metaWriter")).isFalse();
        // each instance is a NATS connection of its own name; the keys derived from the stack's secret are shared
        assertThat(configs.get("command-2").at("/nats/connectionName").asText()).isEqualTo("command-2");
        assertThat(configs.get("command-2").at("/messageAuthorKey"))
                .isEqualTo(configs.get("command").at("/messageAuthorKey"));
        assertThat(configs.get("query-2").at("/searchCursorKey").asText())
                .isEqualTo(configs.get("query").at("/searchCursorKey").asText())
                .isNotEmpty();
        assertThat(configs.get("query-2").at("/pageCursorKey").asText()).isNotEmpty();
    }

    private static JsonNode parse(String yaml) {
        try {
            return YAML.readTree(yaml);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void fanoutInstancesGetTheirPartitionAndNotificationInstancesTheCount() throws Exception {
        StackShape shape = new StackShape(3, 1, 3, 2, null, StackShape.PROXIED);
        List<ServiceProcess> three = Topology.services(shape);
        PortPlan threePlan = PortPlan.allocate(shape, three, new PortAllocator(p -> true, Set.of(), new Random(7)));
        Map<String, ServiceProcess> named =
                three.stream().collect(Collectors.toMap(ServiceProcess::name, Function.identity()));
        JsonNode second = YAML.readTree(ServiceConfig.render(named.get("fanout-2"), threePlan, "s".repeat(32)));
        assertThat(second.at("/partition").asInt()).isEqualTo(1);
        assertThat(second.at("/partitions").asInt()).isEqualTo(3);
        JsonNode notification =
                YAML.readTree(ServiceConfig.render(named.get("notification-1"), threePlan, "s".repeat(32)));
        assertThat(notification.at("/fanoutPartitions").asInt()).isEqualTo(3);
        assertThat(notification.has("mongo")).isTrue();
    }

    @Test
    void withDirectLinksEveryServiceDialsTheEnginesThemselvesAndNoProxyIsPlanned() throws Exception {
        StackShape shape = new StackShape(3, 3, 1, 2, null, StackShape.DIRECT);
        List<ServiceProcess> all = Topology.services(shape);
        PortPlan direct = PortPlan.allocate(shape, all, new PortAllocator(p -> true, Set.of(), new Random(7)));
        assertThat(direct.proxies()).isEmpty();
        Map<String, ServiceProcess> named =
                all.stream().collect(Collectors.toMap(ServiceProcess::name, Function.identity()));
        JsonNode writer = YAML.readTree(ServiceConfig.render(named.get("message-writer"), direct, "s".repeat(32)));
        assertThat(texts(writer.at("/nats/urls")))
                .containsExactlyElementsOf(direct.nats().stream()
                        .map(n -> "nats://127.0.0.1:" + n.client())
                        .toList());
        assertThat(texts(writer.at("/cassandra/contactPoints")))
                .containsExactlyElementsOf(direct.cassandra().stream()
                        .map(c -> c.host() + ":" + c.nativePort())
                        .toList());
        assertThat(writer.at("/cassandra/consistency").asText()).isEqualTo("QUORUM");
        assertThat(writer.at("/cassandra").has("addressTranslation")).isFalse();
        JsonNode notification =
                YAML.readTree(ServiceConfig.render(named.get("notification-1"), direct, "s".repeat(32)));
        assertThat(notification.at("/mongo/uri").asText()).contains("127.0.0.1:" + direct.mongo() + "/");
        JsonNode indexer = YAML.readTree(ServiceConfig.render(named.get("search-indexer"), direct, "s".repeat(32)));
        assertThat(indexer.at("/elasticsearch/url").asText())
                .isEqualTo("http://127.0.0.1:" + direct.elasticsearchHttp());
    }

    @Test
    void onOneCassandraNodeTheDriversDefaultsAndReplicationFactorOneHold() throws Exception {
        assertThat(render("message-writer")
                        .at("/messageWriter/replicationFactor")
                        .asInt())
                .isEqualTo(1);
        assertThat(render("query").at("/cassandra").has("consistency")).isFalse();
        assertThat(render("query").at("/cassandra").has("addressTranslation")).isFalse();
    }

    @Test
    void onThreeCassandraNodesWritesAreQuorumAtReplicationFactorThreeAndEveryNodeIsReachedThroughItsProxy()
            throws Exception {
        StackShape shape = new StackShape(3, 3, 1, 2, null, StackShape.PROXIED);
        List<ServiceProcess> all = Topology.services(shape);
        PortPlan threePlan = PortPlan.allocate(shape, all, new PortAllocator(p -> true, Set.of(), new Random(7)));
        Map<String, ServiceProcess> named =
                all.stream().collect(Collectors.toMap(ServiceProcess::name, Function.identity()));
        JsonNode writer = YAML.readTree(ServiceConfig.render(named.get("message-writer"), threePlan, "s".repeat(32)));
        assertThat(writer.at("/messageWriter/replicationFactor").asInt()).isEqualTo(3);
        assertThat(writer.at("/cassandra/consistency").asText()).isEqualTo("QUORUM");
        List<PortPlan.Proxy> proxies = threePlan.proxiesOf("message-writer -> cassandra");
        assertThat(proxies).hasSize(3);
        assertThat(texts(writer.at("/cassandra/contactPoints")))
                .containsExactlyElementsOf(
                        proxies.stream().map(p -> "127.0.0.1:" + p.listen()).toList());
        for (PortPlan.Proxy proxy : proxies) {
            assertThat(writer.at("/cassandra/addressTranslation")
                            .path(proxy.upstream())
                            .asText())
                    .isEqualTo("127.0.0.1:" + proxy.listen());
        }
        JsonNode query = YAML.readTree(ServiceConfig.render(named.get("query"), threePlan, "s".repeat(32)));
        assertThat(query.at("/cassandra/consistency").asText()).isEqualTo("QUORUM");
        assertThat(query.has("messageWriter")).isFalse();
    }

    @Test
    void aPlantedBugReachesOnlyTheMessageWriterWithTheTestOnlyFlagAndNoneIsPlantedByDefault() throws Exception {
        JsonNode planted = YAML.readTree(
                ServiceConfig.render(byName.get("message-writer"), plan, "s".repeat(32), StackShape.ACK_BEFORE_WRITE));
        assertThat(planted.at("/messageWriter/plantedBug").asText()).isEqualTo("ack-before-write");
        assertThat(planted.at("/messageWriter/allowPlantedBug").asBoolean()).isTrue();
        assertThat(planted.at("/messageWriter/replicationFactor").asInt()).isEqualTo(1);
        for (String other : List.of("command", "query", "fanout-1", "notification-1", "meta-writer")) {
            String text = ServiceConfig.render(byName.get(other), plan, "s".repeat(32), StackShape.ACK_BEFORE_WRITE);
            assertThat(text).as(other).doesNotContain("plantedBug").doesNotContain("allowPlantedBug");
        }
        String shipped = ServiceConfig.render(byName.get("message-writer"), plan, "s".repeat(32));
        assertThat(shipped).doesNotContain("plantedBug").doesNotContain("allowPlantedBug");
    }

    @Test
    void eachPlantedBugReachesOnlyTheServiceItBreaksWithTheTestOnlyFlag() throws Exception {
        Map<String, String> breaks = Map.of(
                StackShape.ACK_BEFORE_WRITE, "message-writer",
                StackShape.DROP_INTEREST_DELTA, "fanout-1",
                StackShape.SKIP_RESUME, "notification-1");
        assertThat(breaks.keySet()).containsExactlyInAnyOrderElementsOf(StackShape.PLANTED_BUGS);
        for (Map.Entry<String, String> bug : breaks.entrySet()) {
            for (String service : List.of("command", "query", "fanout-1", "notification-1", "message-writer")) {
                JsonNode config =
                        YAML.readTree(ServiceConfig.render(byName.get(service), plan, "s".repeat(32), bug.getKey()));
                String at = service.equals("message-writer") ? "/messageWriter" : "";
                if (service.equals(bug.getValue())) {
                    assertThat(config.at(at + "/plantedBug").asText())
                            .as(service)
                            .isEqualTo(bug.getKey());
                    assertThat(config.at(at + "/allowPlantedBug").asBoolean())
                            .as(service)
                            .isTrue();
                } else {
                    assertThat(config.toString())
                            .as(bug.getKey() + " in " + service)
                            .doesNotContain("plantedBug")
                            .doesNotContain("allowPlantedBug");
                }
            }
        }
    }

    @Test
    void servicesThatCheckTokensGetTheStacksSecret() throws Exception {
        assertThat(render("command").at("/auth/hmacSecret").asText()).isEqualTo("s3cret-s3cret-s3cret-s3cret-s3cret");
        // the issuer and audience the harness's own tokens carry, so every service accepts them
        assertThat(render("query").at("/auth/issuer").asText()).isEqualTo(DevelopmentTokens.ISSUER);
        assertThat(render("notification-1").at("/auth/audience").asText()).isEqualTo(DevelopmentTokens.AUDIENCE);
        assertThat(render("notification-1").has("auth")).isTrue();
        assertThat(render("message-writer").has("auth")).isFalse();
    }

    @Test
    void everyServiceAuthenticatesToNatsAsTheStacksUser() throws Exception {
        NatsUser user = NatsUser.of("s3cret-s3cret-s3cret-s3cret-s3cret");
        for (ServiceProcess service : services) {
            JsonNode nats = render(service.name()).at("/nats");
            if (nats.isMissingNode()) {
                continue;
            }
            assertThat(nats.at("/user").asText()).as(service.name()).isEqualTo("chorus");
            assertThat(nats.at("/password").asText()).as(service.name()).isEqualTo(user.password());
        }
    }

    private JsonNode render(String name) throws Exception {
        return YAML.readTree(ServiceConfig.render(byName.get(name), plan, "s3cret-s3cret-s3cret-s3cret-s3cret"));
    }

    private static List<String> texts(JsonNode array) {
        List<String> texts = new java.util.ArrayList<>();
        array.forEach(n -> texts.add(n.asText()));
        return texts;
    }
}
