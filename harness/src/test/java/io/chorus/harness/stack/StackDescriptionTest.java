package io.chorus.harness.stack;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
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
}
