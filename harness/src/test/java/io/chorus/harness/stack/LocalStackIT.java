package io.chorus.harness.stack;

import static org.assertj.core.api.Assertions.assertThat;

import com.datastax.oss.driver.api.core.CqlSession;
import com.fasterxml.jackson.databind.JsonNode;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import io.chorus.harness.client.ChorusClient;
import io.chorus.harness.client.Response;
import io.chorus.harness.stack.health.Health;
import io.chorus.harness.stack.health.StackHealth;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import org.bson.Document;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The local stack is up and every component answers over its own protocol. */
@Order(1)
@ExtendWith(LocalStackExtension.class)
class LocalStackIT {
    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void everyComponentIsHealthy(StackDescription stack) {
        List<Health> health = StackHealth.check(StackHealth.probes(stack));

        assertThat(health)
                .allSatisfy(h -> assertThat(h.healthy())
                        .as(h.component() + ": " + h.detail())
                        .isTrue());
        assertThat(health)
                .extracting(Health::component)
                .containsExactlyInAnyOrderElementsOf(stack.pids().keySet());
        assertThat(stack.state()).isEqualTo(StackDescription.State.UP);
    }

    @Test
    void natsRunsAThreeNodeJetStreamMetaCluster(StackDescription stack) throws Exception {
        for (String monitor : stack.nats().monitor()) {
            JsonNode meta = json(monitor + "/jsz").path("meta_cluster");
            assertThat(meta.path("cluster_size").asInt()).isEqualTo(3);
            assertThat(meta.path("leader").asText()).isNotEmpty();
        }
    }

    @Test
    void cassandraAnswersCql(StackDescription stack) {
        String point = stack.cassandra().contactPoints().get(0);
        int colon = point.lastIndexOf(':');
        try (CqlSession session = CqlSession.builder()
                .addContactPoint(
                        new InetSocketAddress(point.substring(0, colon), Integer.parseInt(point.substring(colon + 1))))
                .withLocalDatacenter("datacenter1")
                .build()) {
            assertThat(session.execute("SELECT release_version FROM system.local")
                            .one()
                            .getString(0))
                    .isEqualTo("5.0.6");
        }
    }

    @Test
    void elasticsearchClusterIsHealthy(StackDescription stack) throws Exception {
        assertThat(json(stack.elasticsearch().url() + "/_cluster/health")
                        .path("status")
                        .asText())
                .isIn("green", "yellow");
    }

    @Test
    void mongoWireServerAnswersPing(StackDescription stack) {
        try (MongoClient client = MongoClients.create(stack.mongo().uri())) {
            Document answer = client.getDatabase("admin").runCommand(new Document("ping", 1));
            assertThat(answer.get("ok", Number.class).doubleValue()).isEqualTo(1.0);
        }
    }

    @Test
    void toxiproxyListsOneProxyPerServiceEngineNodePair(StackDescription stack) throws Exception {
        JsonNode proxies = json(stack.toxiproxy().api() + "/proxies");
        List<String> expected = stack.toxiproxy().links().values().stream()
                .flatMap(List::stream)
                .map(PortPlan.Proxy::name)
                .toList();

        assertThat(expected)
                .contains(
                        "command->nats-1",
                        "command->nats-3",
                        "message-writer->cassandra-1",
                        "query->mongo",
                        "search-indexer->elasticsearch");
        assertThat(iterable(proxies.fieldNames())).containsExactlyInAnyOrderElementsOf(expected);
    }

    @Test
    void everyServiceReportsEachOfItsConnections(StackDescription stack) throws Exception {
        JsonNode query = json(stack.services().query().admin() + "/healthcheck");
        for (String check : List.of("nats", "cassandra", "mongo", "elasticsearch")) {
            assertThat(query.path(check).path("healthy").asBoolean())
                    .as("query " + check)
                    .isTrue();
        }
        JsonNode writer = json(stack.services().workers().get("message-writer").admin() + "/healthcheck");
        assertThat(writer.path("cassandra").path("healthy").asBoolean()).isTrue();
        assertThat(writer.has("mongo")).isFalse();
    }

    @Test
    void restServicesAnswerErrorsInTheOneJsonShape(StackDescription stack) throws Exception {
        ChorusClient client = ChorusClient.of(stack);
        for (ChorusClient.Service service : ChorusClient.Service.values()) {
            Response response = client.raw(service, "GET", "/v1/no-such-thing", null, null);
            assertThat(response.status()).as(service + ": " + response).isEqualTo(404);
            assertThat(response.code()).as(service + ": " + response).isEqualTo("not_found");
        }
    }

    private JsonNode json(String url) throws Exception {
        HttpResponse<String> response =
                http.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString());
        return RunFolder.JSON.readTree(response.body());
    }

    private static List<String> iterable(java.util.Iterator<String> names) {
        List<String> list = new java.util.ArrayList<>();
        names.forEachRemaining(list::add);
        return list;
    }
}
