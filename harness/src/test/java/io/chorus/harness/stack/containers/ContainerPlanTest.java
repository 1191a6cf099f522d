package io.chorus.harness.stack.containers;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.chorus.harness.stack.RunFolder;
import io.chorus.harness.stack.ServiceProcess;
import io.chorus.harness.stack.StackDescription;
import io.chorus.harness.stack.StackShape;
import io.chorus.harness.stack.Topology;
import io.chorus.harness.stack.containers.ContainerSpec.Exited;
import io.chorus.harness.stack.containers.ContainerSpec.HttpReady;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class ContainerPlanTest {
    private static final Path REPOSITORY = Path.of(System.getProperty("chorus.home", ".."));
    private static final ContainerSecrets SECRETS = ContainerSecrets.random();
    private final ContainerPlan plan =
            new ContainerPlan(REPOSITORY, "0.1.0-SNAPSHOT", SECRETS, Path.of("/tmp/run/gateway.pem"));

    private Map<String, ContainerSpec> byName() {
        return plan.waves().stream()
                .flatMap(List::stream)
                .collect(Collectors.toMap(ContainerSpec::name, Function.identity()));
    }

    @Test
    void everyComponentOfTheComposeStackIsStartedFromTheImageComposePins() throws Exception {
        // SnakeYAML: it resolves compose's merge keys (<<: *nats), which the NATS nodes take their image from
        Map<String, Map<String, Object>> services = composeServices();
        Map<String, ContainerSpec> containers = byName();

        for (ContainerSpec container : containers.values()) {
            String composeImage = String.valueOf(services.get(container.name()).get("image"));
            String expected = composeImage.replace("${CHORUS_VERSION:-latest}", "0.1.0-SNAPSHOT");
            assertThat(container.image()).as(container.name()).isEqualTo(expected);
        }
        // every compose service is one container, but the gateway's certificate, which the harness makes itself
        assertThat(containers.keySet())
                .containsExactlyInAnyOrderElementsOf(services.keySet().stream()
                        .filter(name -> !name.equals("gateway-certificate"))
                        .toList());
    }

    @Test
    void theWavesStartEnginesThenTheirUsersThenServicesThenTheGateway() {
        List<List<String>> waves = plan.waves().stream()
                .map(wave -> wave.stream().map(ContainerSpec::name).toList())
                .toList();

        assertThat(waves.get(0))
                .containsExactly("nats-1", "nats-2", "nats-3", "cassandra", "mongo", "elasticsearch", "toxiproxy");
        assertThat(waves.get(1)).containsExactly("cassandra-users", "elasticsearch-users");
        assertThat(waves.get(2))
                .containsExactlyElementsOf(Topology.services(ContainerPlan.shape()).stream()
                        .map(ServiceProcess::name)
                        .toList());
        assertThat(waves.get(3)).containsExactly("gateway");
        assertThat(plan.waves().get(1)).allMatch(spec -> spec.ready() instanceof Exited);
    }

    @Test
    void eachServiceRunsItsComposeConfigurationWithOnlyTheSecretsItNames() {
        Map<String, ContainerSpec> containers = byName();
        ContainerSpec command = containers.get("command");
        ContainerSpec indexer = containers.get("search-indexer");

        assertThat(command.files()).containsEntry("/etc/chorus/config.yml", "compose/config/command.yml");
        assertThat(command.ports()).containsExactly(8080, 8081);
        assertThat(command.ready()).isEqualTo(new HttpReady(8081, "/healthcheck", null));
        assertThat(command.env())
                .containsEntry("CHORUS_HMAC_SECRET", SECRETS.get("CHORUS_HMAC_SECRET"))
                .containsKey("CHORUS_MESSAGE_AUTHOR_KEY")
                .doesNotContainKeys("CHORUS_CASSANDRA_PASSWORD", "CHORUS_ELASTICSEARCH_PASSWORD", "ELASTIC_PASSWORD");
        assertThat(indexer.ports()).containsExactly(8081);
        assertThat(indexer.env())
                .containsEntry("CHORUS_ELASTICSEARCH_PASSWORD", SECRETS.get("CHORUS_ELASTICSEARCH_PASSWORD"))
                .doesNotContainKeys("CHORUS_HMAC_SECRET", "ELASTIC_PASSWORD");
        assertThat(containers.get("query").env())
                .containsKeys("CHORUS_CASSANDRA_PASSWORD", "CHORUS_ELASTICSEARCH_PASSWORD", "CHORUS_MONGO_PASSWORD");
    }

    @Test
    void everyFileCopiedIntoAContainerIsInTheCheckout() {
        for (ContainerSpec container : byName().values()) {
            container.files().values().stream()
                    .filter(source -> !source.endsWith("gateway.pem"))
                    .forEach(source -> assertThat(REPOSITORY.resolve(source))
                            .as(container.name())
                            .isRegularFile());
        }
        assertThat(byName().get("gateway").files()).containsEntry(ContainerPlan.GATEWAY_PEM, "/tmp/run/gateway.pem");
    }

    @Test
    void theEnginesRequireTheirUsersAsInCompose() throws Exception {
        Map<String, ContainerSpec> containers = byName();

        assertThat(containers.get("cassandra").command().get(2))
                .contains("authenticator: PasswordAuthenticator")
                .isEqualTo(new YAMLMapper()
                        .readTree(REPOSITORY.resolve("compose/compose.yaml").toFile())
                        .path("services")
                        .path("cassandra")
                        .path("command")
                        .get(2)
                        .asText());
        assertThat(containers.get("elasticsearch").env()).containsEntry("xpack.security.enabled", "true");
        assertThat(((HttpReady) containers.get("elasticsearch").ready()).basicAuth())
                .isEqualTo("elastic:" + SECRETS.get("ELASTIC_PASSWORD"));
        assertThat(containers.get("nats-2").env())
                .containsEntry("NATS_SERVER_NAME", "nats-2")
                .containsEntry("CHORUS_NATS_PASSWORD", SECRETS.get("CHORUS_NATS_PASSWORD"));
    }

    @Test
    void theStackJsonNamesEveryEndpointAtItsPublishedPort() throws Exception {
        // Docker's choice of host ports, made up: container port + 30000 + 100 * the container's place in the list
        List<String> names = List.copyOf(byName().keySet());
        ContainerPlan.PublishedPorts published = new ContainerPlan.PublishedPorts() {
            @Override
            public String host() {
                return "127.0.0.1";
            }

            @Override
            public int port(String container, int containerPort) {
                assertThat(byName().get(container).ports()).contains(containerPort);
                return 30000 + 100 * names.indexOf(container) + containerPort % 100;
            }
        };

        StackDescription stack = plan.describe("containers-test", Path.of("/tmp/run"), published);
        StackDescription written =
                RunFolder.JSON.readValue(RunFolder.JSON.writeValueAsString(stack), StackDescription.class);

        assertThat(written.shape()).isEqualTo(ContainerPlan.shape());
        assertThat(written.services().all())
                .extracting(StackDescription.Endpoint::name)
                .containsExactlyElementsOf(Topology.services(StackShape.DEFAULT).stream()
                        .map(ServiceProcess::name)
                        .toList());
        assertThat(written.services().command().url()).isEqualTo("http://127.0.0.1:" + published.port("command", 8080));
        assertThat(written.services().workers().get("push").admin())
                .isEqualTo("http://127.0.0.1:" + published.port("push", 8081));
        assertThat(written.nats().urls().get(2))
                .isEqualTo("nats://chorus:" + SECRETS.get("CHORUS_NATS_PASSWORD") + "@127.0.0.1:"
                        + published.port("nats-3", 4222));
        assertThat(written.gateway().wss()).isEqualTo("wss://127.0.0.1:" + published.port("gateway", 8443) + "/v1/ws");
        assertThat(written.auth().hmacSecret()).isEqualTo(SECRETS.get("CHORUS_HMAC_SECRET"));
        assertThat(written.mongo().uri()).contains("authSource=admin").contains(SECRETS.get("CHORUS_MONGO_PASSWORD"));
    }

    @Test
    void aShapeOtherThanComposesIsRefusedInOneLine() {
        assertThat(ContainerPlan.refusal(ContainerPlan.shape())).isNull();
        assertThat(ContainerPlan.refusal(StackShape.DEFAULT)).isNull(); // links not chosen yet: run as direct
        assertThat(ContainerPlan.refusal(StackShape.DEFAULT.withLinks(StackShape.PROXIED)))
                .contains("link faults need --stack local");
        assertThat(ContainerPlan.refusal(new StackShape(3, 1, 1, 4, null, StackShape.DIRECT)))
                .contains("compose stack's shape");
        assertThat(ContainerPlan.refusal(ContainerPlan.shape().withInstances(2, 1, 1, 1, 1)))
                .contains("compose stack's shape");
        assertThat(ContainerPlan.refusal(ContainerPlan.shape().withGatewayLimits(10, null)))
                .contains("rate bounds");
    }

    @Test
    void freshSecretsForEachStack() {
        ContainerSecrets other = ContainerSecrets.random();

        assertThat(other.get("CHORUS_HMAC_SECRET")).hasSize(64).isNotEqualTo(SECRETS.get("CHORUS_HMAC_SECRET"));
        assertThat(other.values().values()).allMatch(v -> Character.isLetterOrDigit(v.charAt(0)));
        assertThat(other.get("CHORUS_NATS_PASSWORD")).startsWith("chorus-").matches("[a-z0-9-]+");
        assertThat(Files.exists(REPOSITORY.resolve("compose/compose.yaml"))).isTrue();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Map<String, Object>> composeServices() throws Exception {
        Map<String, Object> compose =
                new org.yaml.snakeyaml.Yaml().load(Files.readString(REPOSITORY.resolve("compose/compose.yaml")));
        return (Map<String, Map<String, Object>>) compose.get("services");
    }
}
