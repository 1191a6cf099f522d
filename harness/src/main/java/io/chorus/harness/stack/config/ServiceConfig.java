package io.chorus.harness.stack.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.chorus.common.auth.DevelopmentTokens;
import io.chorus.harness.stack.Engine;
import io.chorus.harness.stack.PortPlan;
import io.chorus.harness.stack.ServiceProcess;
import io.chorus.harness.stack.StackShape;
import io.chorus.harness.stack.Topology;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The Dropwizard configuration of one service process. With proxied links every engine address in it is a
 * Toxiproxy proxy of that service's own link, never the engine itself, so that a fault can be injected on exactly
 * one link; with direct links (decision 0091) they are the engines' own.
 */
public final class ServiceConfig {
    /** The notification instances' {@code presence.awayAfter} on a local stack. */
    public static final String LOCAL_AWAY_AFTER = "3s";

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private ServiceConfig() {}

    /** @param hmacSecret the stack's development JWT secret, given to every service that checks tokens */
    /**
     * The webhook pool on a local stack: receivers on loopback, and the retry schedule, breaker and registration
     * refresh shortened so that tests and scenarios see retries and recoveries within seconds.
     */
    private static Map<String, Object> localWebhooks() {
        Map<String, Object> webhook = new LinkedHashMap<>();
        webhook.put("allowLoopback", true);
        webhook.put("retrySchedule", List.of("200ms", "400ms", "800ms", "1s", "2s"));
        webhook.put("jitter", 0.1);
        webhook.put("maxRetryAfter", "5s");
        webhook.put("holdLimit", "30s");
        webhook.put("timeout", "5s");
        webhook.put("breakerFailures", 5);
        webhook.put("breakerOpenFor", "2s");
        webhook.put("registrationRefresh", "500ms");
        return webhook;
    }

    public static String render(ServiceProcess service, PortPlan plan, String hmacSecret) {
        return render(service, plan, hmacSecret, null);
    }

    /**
     * The configuration of {@code service}, with the stack's planted bug if it has one.
     *
     * @param plantedBug the stack's planted bug ({@code StackShape.plantedBug}, tests of {@code harness explore}
     *                   only), written with the test-only flag that lets the service accept it; null: none
     */
    public static String render(ServiceProcess service, PortPlan plan, String hmacSecret, String plantedBug) {
        Map<String, Object> config = new LinkedHashMap<>();
        PortPlan.ServicePorts ports = plan.services().get(service.name());
        Map<String, Object> server = new LinkedHashMap<>();
        server.put("applicationConnectors", List.of(connector(ports.application())));
        server.put("adminConnectors", List.of(connector(ports.admin())));
        if (service.checksTokens()) {
            server.put("requestLog", Map.of("appenders", List.of(requestLogAppender())));
        }
        config.put("server", server);
        config.put(
                "logging",
                Map.of("level", "INFO", "appenders", List.of(Map.of("type", "console", "target", "stdout"))));
        int fanouts = (int) plan.services().keySet().stream()
                .filter(n -> n.startsWith("fanout-"))
                .count();
        switch (service.role()) {
            case NOTIFICATION -> {
                config.put("instanceId", service.name());
                config.put("fanoutPartitions", fanouts);
                // away after a few quiet seconds, so a test sees a user go away and come back without waiting
                // minutes; each idle user costs one more presence write when it goes away (decision 0253)
                config.put("presence", Map.of("awayAfter", LOCAL_AWAY_AFTER));
                plant(config, plantedBug, StackShape.SKIP_RESUME);
            }
            case FANOUT -> {
                // fanout-1..N route partitions 0..N-1 of the channels
                config.put("partition", Integer.parseInt(service.name().substring("fanout-".length())) - 1);
                config.put("partitions", fanouts);
                plant(config, plantedBug, StackShape.DROP_INTEREST_DELTA);
            }
            case WORKER -> {
                // every instance of a pool runs that pool, on its shared durable consumer (decision 0222)
                String pool = Topology.serviceOf(service);
                config.put("pool", pool);
                if (pool.equals("message-writer")) {
                    config.put("messageWriter", messageWriter(plan, plantedBug));
                }
                if (pool.equals("meta-writer") && instancesOf(plan, service) > 1) {
                    config.put("metaWriter", Map.of("takeTurns", true));
                }
                if (pool.equals("webhook")) {
                    config.put("webhook", localWebhooks());
                }
            }
            // the stack's secret, derived for signing page cursors
            case QUERY -> config.put("pageCursorKey", derivedKey("page-cursor", hmacSecret));
            default -> {}
        }
        if (service.checksTokens()) {
            // the stack's own random secret (LocalStack, one per run), and the claims its DevelopmentTokens carry
            config.put(
                    "auth",
                    Map.of(
                            "hmacSecret",
                            hmacSecret,
                            "issuer",
                            DevelopmentTokens.ISSUER,
                            "audience",
                            DevelopmentTokens.AUDIENCE));
        }
        if (service.role() == ServiceProcess.Role.COMMAND) {
            // the stack's secret, derived for its one other use: tagging message ids with their authors (0024)
            config.put("messageAuthorKey", messageAuthorKey(hmacSecret));
            // the harness's webhook receivers listen on loopback
            config.put("webhooksAllowLoopback", true);
        }
        if (service.role() == ServiceProcess.Role.QUERY) {
            // derived the same way for sealing search cursors (decision 0106)
            config.put("searchCursorKey", derivedKey("search-cursor", hmacSecret));
        }
        for (Engine engine : service.engines()) {
            List<String> addresses = plan.addressesOf(service, engine);
            switch (engine) {
                case NATS ->
                    config.put(
                            "nats",
                            Map.of(
                                    "urls",
                                            addresses.stream()
                                                    .map(a -> "nats://" + a)
                                                    .toList(),
                                    "connectionName", service.name(),
                                    "user", NatsUser.of(hmacSecret).name(),
                                    "password", NatsUser.of(hmacSecret).password()));
                case CASSANDRA -> config.put("cassandra", cassandra(service, plan, addresses));
                case MONGO ->
                    config.put(
                            "mongo",
                            Map.of(
                                    "uri",
                                    "mongodb://" + addresses.get(0) + "/?directConnection=true",
                                    "database",
                                    "chorus"));
                case ELASTICSEARCH -> config.put("elasticsearch", Map.of("url", "http://" + addresses.get(0)));
            }
        }
        try {
            return YAML.writeValueAsString(config);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** How many instances of {@code service}'s pool the plan runs. */
    private static long instancesOf(PortPlan plan, ServiceProcess service) {
        String pool = Topology.serviceOf(service);
        return plan.services().keySet().stream()
                .filter(n -> n.equals(pool) || n.matches(java.util.regex.Pattern.quote(pool) + "-[0-9]+"))
                .count();
    }

    private static Map<String, Object> messageWriter(PortPlan plan, String plantedBug) {
        Map<String, Object> writer = new LinkedHashMap<>();
        writer.put("replicationFactor", replicationFactor(plan));
        plant(writer, plantedBug, StackShape.ACK_BEFORE_WRITE);
        return writer;
    }

    /** The stack's planted bug, with the test-only flag, where it is {@code bug}, the one this settings block takes. */
    private static void plant(Map<String, Object> settings, String plantedBug, String bug) {
        if (bug.equals(plantedBug)) {
            settings.put("plantedBug", plantedBug);
            settings.put("allowPlantedBug", true);
        }
    }

    static String messageAuthorKey(String hmacSecret) {
        return derivedKey("message-author", hmacSecret);
    }

    /** A secret for one use, derived from the stack's secret: SHA-256 of {@code <use>:<secret>}, in hex. */
    static String derivedKey(String use, String hmacSecret) {
        try {
            byte[] digest = java.security.MessageDigest.getInstance("SHA-256")
                    .digest((use + ":" + hmacSecret).getBytes(java.nio.charset.StandardCharsets.UTF_8));
            return java.util.HexFormat.of().formatHex(digest);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** RF 3 on a cluster of 3 or more (RF = nodes below that): a QUORUM write then survives one node's loss. */
    static int replicationFactor(PortPlan plan) {
        return Math.min(3, plan.cassandra().size());
    }

    /**
     * On one node: its proxy, at the driver's default consistency. On a cluster: every node's proxy, QUORUM, and
     * each node's announced address translated to this service's proxy of it, so no connection bypasses the link.
     * With direct links, the nodes themselves and no translation.
     */
    private static Map<String, Object> cassandra(ServiceProcess service, PortPlan plan, List<String> addresses) {
        Map<String, Object> cassandra = new LinkedHashMap<>();
        cassandra.put("contactPoints", addresses);
        if (plan.cassandra().size() > 1) {
            cassandra.put("consistency", "QUORUM");
        }
        if (plan.cassandra().size() > 1 && plan.proxied()) {
            Map<String, String> translation = new LinkedHashMap<>();
            List<PortPlan.Proxy> links = plan.proxiesOf(service.linkTo(Engine.CASSANDRA));
            for (PortPlan.Proxy proxy : links) {
                translation.put(proxy.upstream(), "127.0.0.1:" + proxy.listen());
            }
            cassandra.put("addressTranslation", translation);
        }
        return cassandra;
    }

    /**
     * Dropwizard's request log line with the gateway's {@code X-Request-Id} at its end, so one request can be
     * followed from the gateway's log into the service's ({@code -} when it came around the gateway).
     */
    static Map<String, Object> requestLogAppender() {
        return Map.of("type", "console", "target", "stdout", "logFormat", REQUEST_LOG_FORMAT);
    }

    static final String REQUEST_LOG_FORMAT = "%h %l %u [%t{dd/MMM/yyyy:HH:mm:ss Z,UTC}] \"%r\" %s %b "
            + "\"%i{Referer}\" \"%i{User-Agent}\" %D %i{X-Request-Id}";

    private static Map<String, Object> connector(int port) {
        return Map.of("type", "http", "port", port, "bindHost", "127.0.0.1");
    }
}
