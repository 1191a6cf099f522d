package io.chorus.harness.stack.health;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.config.DefaultDriverOption;
import com.datastax.oss.driver.api.core.config.DriverConfigLoader;
import com.datastax.oss.driver.api.core.cql.Row;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.mongodb.ConnectionString;
import com.mongodb.MongoClientSettings;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.bson.Document;

/** The probes of each kind of component, each asking the component itself over its own protocol. */
public final class Probes {
    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private static final ObjectMapper JSON = new ObjectMapper();

    private Probes() {}

    /** A NATS node: its health endpoint says ok and it sees a JetStream meta cluster of the expected size. */
    public static HealthProbe natsNode(String component, String monitorUrl, int clusterSize) {
        return guarded(component, () -> {
            HttpResponse<String> healthz = get(monitorUrl + "/healthz");
            if (healthz.statusCode() != 200) {
                return Health.failing(component, "healthz " + healthz.statusCode() + ": " + healthz.body());
            }
            JsonNode meta = JSON.readTree(get(monitorUrl + "/jsz").body()).path("meta_cluster");
            int size = meta.path("cluster_size").asInt(1);
            String leader = meta.path("leader").asText("");
            if (clusterSize > 1 && (size != clusterSize || leader.isEmpty())) {
                return Health.failing(component, "JetStream meta cluster size " + size + ", leader '" + leader + "'");
            }
            return Health.ok(
                    component,
                    "JetStream meta cluster of " + Math.max(size, 1) + (leader.isEmpty() ? "" : ", leader " + leader));
        });
    }

    /** A Cassandra node: CQL answers {@code SELECT release_version FROM system.local}. */
    public static HealthProbe cql(String component, String contactPoint) {
        return guarded(component, () -> {
            int colon = contactPoint.lastIndexOf(':');
            String host = contactPoint.substring(0, colon);
            int port = Integer.parseInt(contactPoint.substring(colon + 1));
            if (!portOpen(host, port)) {
                return Health.failing(component, "CQL port " + contactPoint + " not open");
            }
            DriverConfigLoader config = DriverConfigLoader.programmaticBuilder()
                    .withDuration(DefaultDriverOption.CONNECTION_INIT_QUERY_TIMEOUT, Duration.ofSeconds(5))
                    .withDuration(DefaultDriverOption.REQUEST_TIMEOUT, Duration.ofSeconds(5))
                    .build();
            try (CqlSession session = CqlSession.builder()
                    .withConfigLoader(config)
                    .addContactPoint(new InetSocketAddress(host, port))
                    .withLocalDatacenter("datacenter1")
                    .build()) {
                Row row = session.execute("SELECT release_version FROM system.local")
                        .one();
                return Health.ok(component, "CQL answers, Cassandra " + (row == null ? "?" : row.getString(0)));
            }
        });
    }

    /** A MongoDB-wire server: it answers {@code ping}. */
    public static HealthProbe mongoPing(String component, String uri) {
        return guarded(component, () -> {
            MongoClientSettings settings = MongoClientSettings.builder()
                    .applyConnectionString(new ConnectionString(uri))
                    .applyToClusterSettings(b -> b.serverSelectionTimeout(2, TimeUnit.SECONDS))
                    .build();
            try (MongoClient client = MongoClients.create(settings)) {
                Document answer = client.getDatabase("admin").runCommand(new Document("ping", 1));
                return answer.get("ok", Number.class).doubleValue() == 1.0
                        ? Health.ok(component, "ping ok")
                        : Health.failing(component, "ping answered " + answer.toJson());
            }
        });
    }

    /** A server that has nothing lighter to ask than whether it accepts connections (PostgreSQL for FerretDB). */
    public static HealthProbe tcp(String component, String host, int port) {
        return () -> portOpen(host, port)
                ? Health.ok(component, "accepts connections on " + port)
                : Health.failing(component, "nothing listens on " + host + ":" + port);
    }

    /** Elasticsearch: cluster health is yellow or green. */
    public static HealthProbe elasticsearch(String component, String url) {
        return guarded(component, () -> {
            HttpResponse<String> response = get(url + "/_cluster/health");
            String status = JSON.readTree(response.body()).path("status").asText("?");
            boolean ok = response.statusCode() == 200 && !"red".equals(status) && !"?".equals(status);
            return new Health(component, ok, "cluster health " + status);
        });
    }

    /** Toxiproxy: its API lists the expected number of proxies, all enabled. */
    public static HealthProbe toxiproxy(String component, String api, int expectedProxies) {
        return guarded(component, () -> {
            JsonNode proxies = JSON.readTree(get(api + "/proxies").body());
            int enabled = 0;
            for (Iterator<JsonNode> it = proxies.elements(); it.hasNext(); ) {
                enabled += it.next().path("enabled").asBoolean() ? 1 : 0;
            }
            return new Health(
                    component,
                    enabled == expectedProxies && proxies.size() == expectedProxies,
                    enabled + " of " + expectedProxies + " proxies enabled");
        });
    }

    /** A Dropwizard service: every health check on its admin port passes. */
    public static HealthProbe service(String component, String adminUrl) {
        return guarded(component, () -> {
            HttpResponse<String> response = get(adminUrl + "/healthcheck");
            JsonNode checks = JSON.readTree(response.body());
            List<String> failing = new ArrayList<>();
            List<String> passing = new ArrayList<>();
            for (Iterator<Map.Entry<String, JsonNode>> it = checks.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> check = it.next();
                (check.getValue().path("healthy").asBoolean() ? passing : failing).add(check.getKey());
            }
            return response.statusCode() == 200 && failing.isEmpty()
                    ? Health.ok(component, "healthy: " + String.join(", ", passing))
                    : Health.failing(component, "failing: " + String.join(", ", failing));
        });
    }

    /** The gateway: its monitor URI answers 200 (HAProxy answers it itself, whatever the services' state). */
    public static HealthProbe gateway(String component, String healthUrl) {
        return guarded(component, () -> {
            int status = get(healthUrl).statusCode();
            return status == 200
                    ? Health.ok(component, "answers on " + healthUrl)
                    : Health.failing(component, healthUrl + " answered " + status);
        });
    }

    static boolean portOpen(String host, int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(host, port), 1000);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static HttpResponse<String> get(String url) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create(url))
                .timeout(Duration.ofSeconds(5))
                .GET()
                .build();
        return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
    }

    private interface Check {
        Health run() throws Exception;
    }

    private static HealthProbe guarded(String component, Check check) {
        return () -> {
            try {
                return check.run();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return Health.failing(component, "interrupted");
            } catch (Exception e) {
                String reason = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
                return Health.failing(component, reason.lines().findFirst().orElse(reason));
            }
        };
    }
}
