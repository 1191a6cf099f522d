package io.chorus.harness.stack;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

class StackDescriptionTest {

    @Test
    void stackJsonCarriesTheFieldsOtherToolsRelyOn() throws Exception {
        var services = Topology.services(StackShape.DEFAULT);
        PortPlan plan =
                PortPlan.allocate(StackShape.DEFAULT, services, new PortAllocator(p -> true, Set.of(), new Random(3)));
        StackDescription description = StackDescription.planned(
                        "run-1", Path.of("/tmp/run-1"), StackShape.DEFAULT, services, plan, 77, "secret")
                .withPid("nats-1", 1234);

        JsonNode json = RunFolder.JSON.readTree(RunFolder.JSON.writeValueAsString(description));

        assertThat(json.at("/services/command/url").asText()).startsWith("http://127.0.0.1:");
        assertThat(json.at("/services/query/url").asText()).startsWith("http://127.0.0.1:");
        assertThat(json.at("/services/notification")).hasSize(2);
        assertThat(json.at("/services/notification/1/ws").asText()).endsWith("/v1/ws");
        assertThat(json.at("/services/workers/message-writer/admin").asText()).startsWith("http://127.0.0.1:");
        assertThat(json.at("/nats/urls")).hasSize(3);
        assertThat(json.at("/nats/urls/0").asText())
                .isEqualTo(io.chorus.harness.stack.config.NatsUser.of("secret")
                        .url("127.0.0.1:" + plan.nats().get(0).client()));
        assertThat(json.at("/nats/monitor")).hasSize(3);
        assertThat(json.at("/cassandra/contactPoints/0").asText())
                .isEqualTo("127.0.0.1:" + plan.cassandra().get(0).nativePort());
        assertThat(json.at("/mongo/uri").asText()).startsWith("mongodb://127.0.0.1:");
        assertThat(json.at("/elasticsearch/url").asText()).startsWith("http://127.0.0.1:");
        assertThat(json.at("/toxiproxy/api").asText()).startsWith("http://127.0.0.1:");
        assertThat(json.at("/toxiproxy/links/command -> nats")).hasSize(3);
        assertThat(json.at("/pids/nats-1").asLong()).isEqualTo(1234);
        assertThat(json.at("/state").asText()).isEqualTo("starting");
        assertThat(json.at("/runDir").asText()).isEqualTo("/tmp/run-1");

        StackDescription back = RunFolder.JSON.treeToValue(json, StackDescription.class);
        assertThat(back).isEqualTo(description);
    }

    @Test
    void stackJsonNamesTheGatewayWhenTheStackHasOneAndNothingWhenItHasNot() throws Exception {
        var services = Topology.services(StackShape.DEFAULT);
        PortPlan plan =
                PortPlan.allocate(StackShape.DEFAULT, services, new PortAllocator(p -> true, Set.of(), new Random(3)));
        StackDescription description = StackDescription.planned(
                "run-1", Path.of("/tmp/run-1"), StackShape.DEFAULT, services, plan, 77, "secret");

        JsonNode json = RunFolder.JSON.readTree(RunFolder.JSON.writeValueAsString(description));

        assertThat(json.at("/gateway/url").asText())
                .isEqualTo("http://127.0.0.1:" + plan.gateway().http());
        assertThat(json.at("/gateway/ws").asText())
                .isEqualTo("ws://127.0.0.1:" + plan.gateway().http() + "/v1/ws");
        assertThat(json.at("/gateway/https").asText())
                .isEqualTo("https://127.0.0.1:" + plan.gateway().https());
        assertThat(json.at("/gateway/wss").asText())
                .isEqualTo("wss://127.0.0.1:" + plan.gateway().https() + "/v1/ws");
        assertThat(RunFolder.JSON.treeToValue(json, StackDescription.class)).isEqualTo(description);

        StackShape without = new StackShape(3, 1, 1, 2, null, null, null, false);
        PortPlan bare = PortPlan.allocate(without, services, new PortAllocator(p -> true, Set.of(), new Random(3)));
        StackDescription direct =
                StackDescription.planned("run-2", Path.of("/tmp/run-2"), without, services, bare, 77, "secret");
        assertThat(bare.gateway()).isNull();
        assertThat(RunFolder.JSON
                        .readTree(RunFolder.JSON.writeValueAsString(direct))
                        .has("gateway"))
                .isFalse();
    }

    @Test
    void stackJsonListsEveryInstanceOfAScaledStackAndClientsEnterThroughTheGatewayWhenThereIsOne() throws Exception {
        StackShape scaled = new StackShape(3, 1, 3, 3, null, StackShape.DIRECT).withInstances(2, 2, 2, 2, 2);
        var services = Topology.services(scaled);
        PortPlan plan = PortPlan.allocate(scaled, services, new PortAllocator(p -> true, Set.of(), new Random(3)));
        StackDescription description =
                StackDescription.planned("run-3", Path.of("/tmp/run-3"), scaled, services, plan, 77, "secret");

        JsonNode json = RunFolder.JSON.readTree(RunFolder.JSON.writeValueAsString(description));

        assertThat(json.at("/services/commands/1/name").asText()).isEqualTo("command-2");
        assertThat(json.at("/services/commands/1/url").asText())
                .isEqualTo(
                        "http://127.0.0.1:" + plan.services().get("command-2").application());
        assertThat(json.at("/services/queries/1/name").asText()).isEqualTo("query-2");
        assertThat(json.at("/services/command/name").asText()).isEqualTo("command");
        assertThat(json.at("/services/workers/message-writer-2/admin").asText())
                .isEqualTo("http://127.0.0.1:"
                        + plan.services().get("message-writer-2").admin());
        assertThat(json.at("/services/workers/search-indexer-2/name").asText()).isEqualTo("search-indexer-2");
        assertThat(json.at("/shape/commandInstances").asInt()).isEqualTo(2);
        assertThat(description.services().all())
                .extracting(StackDescription.Endpoint::name)
                .containsExactlyElementsOf(
                        services.stream().map(ServiceProcess::name).toList());
        assertThat(RunFolder.JSON.treeToValue(json, StackDescription.class)).isEqualTo(description);

        assertThat(description.commandEntry()).isEqualTo(description.gateway().url());
        assertThat(description.queryEntry()).isEqualTo(description.gateway().url());
        assertThat(description.socketEntries())
                .extracting(StackDescription.Endpoint::ws)
                .containsExactly(description.gateway().ws());

        StackShape direct = new StackShape(3, 1, 3, 3, null, StackShape.DIRECT, null, false);
        var directServices = Topology.services(direct);
        StackDescription around = StackDescription.planned(
                "run-4",
                Path.of("/tmp/run-4"),
                direct,
                directServices,
                PortPlan.allocate(direct, directServices, new PortAllocator(p -> true, Set.of(), new Random(3))),
                77,
                "secret");
        assertThat(around.commandEntry()).isEqualTo(around.services().command().url());
        assertThat(around.queryEntry()).isEqualTo(around.services().query().url());
        assertThat(around.socketEntries()).isEqualTo(around.services().notification());
    }

    @Test
    void aStackJsonWrittenBeforeInstanceCountsReadsAsOneOfEach() throws Exception {
        var services = Topology.services(StackShape.DEFAULT);
        PortPlan plan =
                PortPlan.allocate(StackShape.DEFAULT, services, new PortAllocator(p -> true, Set.of(), new Random(3)));
        StackDescription description = StackDescription.planned(
                "run-5", Path.of("/tmp/run-5"), StackShape.DEFAULT, services, plan, 77, "secret");
        com.fasterxml.jackson.databind.node.ObjectNode json =
                (com.fasterxml.jackson.databind.node.ObjectNode) RunFolder.JSON.valueToTree(description);
        ((com.fasterxml.jackson.databind.node.ObjectNode) json.get("shape")).remove("commandInstances");
        ((com.fasterxml.jackson.databind.node.ObjectNode) json.get("services")).remove(List.of("commands", "queries"));

        StackDescription old = RunFolder.JSON.treeToValue(json, StackDescription.class);

        assertThat(old.shape().commandInstances()).isEqualTo(1);
        assertThat(old.services().commandInstances())
                .containsExactly(old.services().command());
        assertThat(old.services().all()).hasSameSizeAs(services);
    }
}
