package io.chorus.harness.stack.containers;

import io.chorus.harness.stack.ServiceProcess;
import io.chorus.harness.stack.StackDescription;
import io.chorus.harness.stack.StackDescription.Endpoint;
import io.chorus.harness.stack.StackShape;
import io.chorus.harness.stack.Topology;
import io.chorus.harness.stack.containers.ContainerSpec.Exited;
import io.chorus.harness.stack.containers.ContainerSpec.HttpReady;
import io.chorus.harness.stack.containers.ContainerSpec.LogReady;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The containers of the containers stack (decision 0265): the compose stack's ({@code compose/compose.yaml}: the
 * same images, configuration files, engine users and health checks), started by Testcontainers in waves, each wave
 * once the one before is ready: the engines together (the three NATS nodes elect a JetStream leader only together),
 * then the one-shot containers that create the engines' users, then every service, then the gateway. Every port is
 * published on a free host port; {@link #describe} writes the {@code stack.json} the harness runs against.
 */
public final class ContainerPlan {
    public static final String NATS_IMAGE = "nats:2.14.9-alpine";
    public static final String CASSANDRA_IMAGE = "cassandra:5.0.6";
    public static final String MONGO_IMAGE = "mongo:8.0.4";
    public static final String ELASTICSEARCH_IMAGE = "docker.elastic.co/elasticsearch/elasticsearch:8.17.0";
    public static final String TOXIPROXY_IMAGE = "ghcr.io/shopify/toxiproxy:2.12.0";
    public static final String GATEWAY_IMAGE = "haproxy:2.6-alpine";
    /** Where the gateway reads its certificate and key (one PEM), as in the compose stack. */
    public static final String GATEWAY_PEM = "/usr/local/etc/haproxy/certs/gateway.pem";

    private static final Pattern ENVIRONMENT_REFERENCE = Pattern.compile("\\$\\{([A-Za-z_][A-Za-z0-9_]*)");
    private static final int API = 8080;
    private static final int ADMIN = 8081;

    private final Path repository;
    private final String version;
    private final ContainerSecrets secrets;
    private final Path gatewayPem;

    /**
     * @param repository the checkout (its {@code compose/} files are copied into the containers)
     * @param version    the tag of the {@code chorus/<service>} images ({@code ./mvnw -Pimages ...})
     * @param gatewayPem the gateway's certificate and key, one PEM, made by the harness for this stack
     */
    public ContainerPlan(Path repository, String version, ContainerSecrets secrets, Path gatewayPem) {
        this.repository = repository;
        this.version = version;
        this.secrets = secrets;
        this.gatewayPem = gatewayPem;
    }

    /**
     * The shape the containers stack runs: the compose stack's, nothing else (its gateway configuration and its
     * service configurations name exactly these instances; link faults need proxies it does not set up).
     */
    public static StackShape shape() {
        return StackShape.DEFAULT.withLinks(StackShape.DIRECT);
    }

    /** A one-line reason when {@code shape} is not one the containers stack can run; null when it is. */
    public static String refusal(StackShape shape) {
        StackShape own = shape();
        if (shape.natsNodes() != own.natsNodes()
                || shape.cassandraNodes() != own.cassandraNodes()
                || shape.fanoutInstances() != own.fanoutInstances()
                || shape.notificationInstances() != own.notificationInstances()
                || !Topology.services(shape).equals(Topology.services(own))) {
            return "--stack containers runs the compose stack's shape (3 NATS nodes, 1 Cassandra node, 1 fan-out, "
                    + "2 notification instances, one of each other service); this run asks for another";
        }
        if (!shape.directLinks() && shape.links() != null) {
            return "--stack containers runs direct links (no Toxiproxy proxies): link faults need --stack local";
        }
        if (shape.natsOnUnsyncedWriteFs() || shape.plantedBug() != null || shape.natsSyncInterval() != null) {
            return "--stack containers runs NATS on the container's disk with the server's defaults and the services "
                    + "as shipped: power-loss faults, planted bugs and sync_interval need --stack local";
        }
        if (!shape.gatewayEnabled()
                || shape.gatewayRequestsPerUser() != null
                || shape.gatewayRequestsPerAddress() != null) {
            return "--stack containers runs the compose gateway as configured: a stack without one, or other rate "
                    + "bounds, needs --stack local";
        }
        return null;
    }

    /** The containers, wave by wave: each wave starts once every container of the one before is ready. */
    public List<List<ContainerSpec>> waves() {
        return List.of(engines(), engineUsers(), services(), List.of(gateway()));
    }

    List<ContainerSpec> engines() {
        List<ContainerSpec> engines = new ArrayList<>();
        for (int i = 1; i <= 3; i++) {
            engines.add(new ContainerSpec(
                    "nats-" + i,
                    NATS_IMAGE,
                    List.of(4222, 8222),
                    Map.of("NATS_SERVER_NAME", "nats-" + i, ContainerSecrets.NATS_PASSWORD, secret("NATS_PASSWORD")),
                    List.of("--config", "/etc/nats/nats.conf"),
                    Map.of("/etc/nats/nats.conf", "compose/nats/nats.conf"),
                    new HttpReady(8222, "/healthz?js-enabled-only=true", null)));
        }
        engines.add(new ContainerSpec(
                "cassandra",
                CASSANDRA_IMAGE,
                List.of(9042),
                Map.of(
                        "CASSANDRA_CLUSTER_NAME", "chorus",
                        "CASSANDRA_DC", "datacenter1",
                        "CASSANDRA_ENDPOINT_SNITCH", "GossipingPropertyFileSnitch",
                        "MAX_HEAP_SIZE", "1G",
                        "HEAP_NEWSIZE", "200M"),
                List.of("sh", "-c", CASSANDRA_WITH_PASSWORDS),
                Map.of(),
                new LogReady(".*Starting listening for CQL clients.*", 1)));
        engines.add(new ContainerSpec(
                "mongo",
                MONGO_IMAGE,
                List.of(27017),
                Map.of("MONGO_INITDB_ROOT_USERNAME", "chorus", "MONGO_INITDB_ROOT_PASSWORD", secret("MONGO_PASSWORD")),
                List.of(),
                Map.of(),
                // the image's first start runs a temporary server to create the root user, then the real one
                new LogReady("(?i).*waiting for connections.*", 2)));
        engines.add(new ContainerSpec(
                "elasticsearch",
                ELASTICSEARCH_IMAGE,
                List.of(9200),
                Map.of(
                        "cluster.name",
                        "chorus",
                        "discovery.type",
                        "single-node",
                        "xpack.security.enabled",
                        "true",
                        "xpack.security.http.ssl.enabled",
                        "false",
                        "xpack.security.transport.ssl.enabled",
                        "false",
                        "cluster.routing.allocation.disk.threshold_enabled",
                        "false",
                        "ES_JAVA_OPTS",
                        "-Xms1g -Xmx1g",
                        ContainerSecrets.ELASTIC_PASSWORD,
                        secrets.get(ContainerSecrets.ELASTIC_PASSWORD)),
                List.of(),
                Map.of(),
                new HttpReady(
                        9200,
                        "/_cluster/health?wait_for_status=yellow&timeout=5s",
                        "elastic:" + secrets.get(ContainerSecrets.ELASTIC_PASSWORD))));
        engines.add(new ContainerSpec(
                "toxiproxy",
                TOXIPROXY_IMAGE,
                List.of(8474),
                Map.of(),
                List.of(),
                Map.of(),
                new HttpReady(8474, "/version", null)));
        return engines;
    }

    /** Appends the password authenticator to the image's cassandra.yaml (the image has no setting for it). */
    static final String CASSANDRA_WITH_PASSWORDS =
            "printf '\\nauthenticator: PasswordAuthenticator\\n' >> /etc/cassandra/cassandra.yaml"
                    + " && exec docker-entrypoint.sh cassandra -f";

    List<ContainerSpec> engineUsers() {
        return List.of(
                new ContainerSpec(
                        "cassandra-users",
                        CASSANDRA_IMAGE,
                        List.of(),
                        Map.of(ContainerSecrets.CASSANDRA_PASSWORD, secret("CASSANDRA_PASSWORD")),
                        List.of("sh", "/etc/chorus/cassandra-users.sh"),
                        Map.of("/etc/chorus/cassandra-users.sh", "compose/engines/cassandra-users.sh"),
                        new Exited()),
                new ContainerSpec(
                        "elasticsearch-users",
                        ELASTICSEARCH_IMAGE,
                        List.of(),
                        Map.of(
                                ContainerSecrets.ELASTIC_PASSWORD,
                                secrets.get(ContainerSecrets.ELASTIC_PASSWORD),
                                ContainerSecrets.ELASTICSEARCH_PASSWORD,
                                secret("ELASTICSEARCH_PASSWORD")),
                        List.of("sh", "/etc/chorus/elasticsearch-users.sh"),
                        Map.of("/etc/chorus/elasticsearch-users.sh", "compose/engines/elasticsearch-users.sh"),
                        new Exited()));
    }

    List<ContainerSpec> services() {
        List<ContainerSpec> services = new ArrayList<>();
        for (ServiceProcess process : Topology.services(shape())) {
            String config = "compose/config/" + process.name() + ".yml";
            Map<String, String> env = new TreeMap<>(referencedSecrets(config));
            env.put("JAVA_TOOL_OPTIONS", "-XX:MaxRAMPercentage=75 -XX:+ExitOnOutOfMemoryError");
            boolean worker = process.role() == ServiceProcess.Role.WORKER;
            services.add(new ContainerSpec(
                    process.name(),
                    "chorus/" + process.module() + ":" + version,
                    worker ? List.of(ADMIN) : List.of(API, ADMIN),
                    env,
                    List.of("server", "/etc/chorus/config.yml"),
                    Map.of("/etc/chorus/config.yml", config),
                    new HttpReady(ADMIN, "/healthcheck", null)));
        }
        return services;
    }

    ContainerSpec gateway() {
        return new ContainerSpec(
                "gateway",
                GATEWAY_IMAGE,
                List.of(8080, 8443),
                Map.of(ContainerSecrets.HMAC_SECRET, secrets.get(ContainerSecrets.HMAC_SECRET)),
                List.of(),
                Map.of(
                        "/usr/local/etc/haproxy/haproxy.cfg",
                        "compose/gateway/haproxy.cfg",
                        GATEWAY_PEM,
                        gatewayPem.toString()),
                new HttpReady(8080, "/gateway/health", null));
    }

    /** The secrets a configuration file names ({@code ${NAME}}): a service's container gets those and no others. */
    Map<String, String> referencedSecrets(String file) {
        String text;
        try {
            text = Files.readString(repository.resolve(file));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + " of the checkout", e);
        }
        Map<String, String> env = new LinkedHashMap<>();
        Matcher reference = ENVIRONMENT_REFERENCE.matcher(text);
        while (reference.find()) {
            String name = reference.group(1);
            if (secrets.values().containsKey(name)) {
                env.put(name, secrets.get(name));
            }
        }
        return env;
    }

    private String secret(String suffix) {
        return secrets.get("CHORUS_" + suffix);
    }

    /** Where a container's port is published on the host: Docker picks free host ports at the start. */
    public interface PublishedPorts {
        String host();

        int port(String container, int containerPort);
    }

    /** The {@code stack.json} of the started stack: every endpoint at the host port its container's was given. */
    public StackDescription describe(String runId, Path runDir, PublishedPorts published) {
        String host = published.host();
        String natsUser = "chorus:" + secret("NATS_PASSWORD") + "@";
        List<String> natsUrls = new ArrayList<>();
        List<String> natsMonitor = new ArrayList<>();
        List<String> natsCluster = new ArrayList<>();
        for (int i = 1; i <= 3; i++) {
            natsUrls.add("nats://" + natsUser + host + ":" + published.port("nats-" + i, 4222));
            natsMonitor.add("http://" + host + ":" + published.port("nats-" + i, 8222));
            natsCluster.add("nats://nats-" + i + ":6222");
        }
        List<Endpoint> commands = new ArrayList<>();
        List<Endpoint> queries = new ArrayList<>();
        List<Endpoint> fanout = new ArrayList<>();
        List<Endpoint> notification = new ArrayList<>();
        Map<String, Endpoint> workers = new LinkedHashMap<>();
        for (ServiceProcess process : Topology.services(shape())) {
            String name = process.name();
            String admin = "http://" + host + ":" + published.port(name, ADMIN);
            String url = process.role() == ServiceProcess.Role.WORKER
                    ? null
                    : "http://" + host + ":" + published.port(name, API);
            switch (process.role()) {
                case COMMAND -> commands.add(new Endpoint(name, url, admin, null));
                case QUERY -> queries.add(new Endpoint(name, url, admin, null));
                case FANOUT -> fanout.add(new Endpoint(name, url, admin, null));
                case NOTIFICATION ->
                    notification.add(new Endpoint(
                            name, url, admin, "ws://" + host + ":" + published.port(name, API) + "/v1/ws"));
                case WORKER -> workers.put(name, new Endpoint(name, null, admin, null));
            }
        }
        String gatewayHttp = host + ":" + published.port("gateway", 8080);
        String gatewayHttps = host + ":" + published.port("gateway", 8443);
        return new StackDescription(
                StackDescription.SCHEMA_VERSION,
                runId,
                runDir.toString(),
                StackDescription.State.UP,
                new StackDescription.Owner(ProcessHandle.current().pid(), false),
                Instant.now(),
                shape(),
                new StackDescription.Nats(natsUrls, natsMonitor, natsCluster),
                new StackDescription.Cassandra(List.of(host + ":" + published.port("cassandra", 9042))),
                new StackDescription.Mongo(
                        "mongodb://chorus:" + secret("MONGO_PASSWORD") + "@" + host + ":"
                                + published.port("mongo", 27017) + "/?directConnection=true&authSource=admin",
                        null),
                new StackDescription.Elasticsearch("http://" + host + ":" + published.port("elasticsearch", 9200)),
                new StackDescription.Toxiproxy("http://" + host + ":" + published.port("toxiproxy", 8474), Map.of()),
                new StackDescription.Services(
                        commands.get(0), queries.get(0), fanout, notification, workers, commands, queries),
                new StackDescription.Auth(secrets.get(ContainerSecrets.HMAC_SECRET)),
                new LinkedHashMap<>(),
                new StackDescription.Gateway(
                        "http://" + gatewayHttp,
                        "ws://" + gatewayHttp + "/v1/ws",
                        "https://" + gatewayHttps,
                        "wss://" + gatewayHttps + "/v1/ws",
                        "http://" + gatewayHttp + "/gateway/health"),
                null);
    }
}
