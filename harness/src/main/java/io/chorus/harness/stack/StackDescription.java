package io.chorus.harness.stack;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What {@code stack.json} says about one stack: every component's endpoints and PID. Other tools (tests, the
 * scenario runner, an operator's scripts) read this file, so its field names are a contract.
 *
 * @param owner the harness process that started the stack and whether it let go of it on purpose ({@code up}
 *              detaches; a test run or {@code harness run} does not). A stack whose owner died without letting
 *              go is an orphan, and the next {@code up} or {@code down} stops it.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record StackDescription(
        int schemaVersion,
        String runId,
        String runDir,
        State state,
        Owner owner,
        Instant createdAt,
        StackShape shape,
        Nats nats,
        Cassandra cassandra,
        Mongo mongo,
        Elasticsearch elasticsearch,
        Toxiproxy toxiproxy,
        Services services,
        Auth auth,
        Map<String, Long> pids,
        Gateway gateway,
        PushProviders push) {

    public static final int SCHEMA_VERSION = 1;

    public enum State {
        STARTING,
        UP,
        STOPPING,
        DOWN,
        FAILED;

        @com.fasterxml.jackson.annotation.JsonValue
        public String json() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }

        @com.fasterxml.jackson.annotation.JsonCreator
        public static State of(String text) {
            return valueOf(text.toUpperCase(java.util.Locale.ROOT));
        }
    }

    public record Owner(long pid, boolean detached) {}

    /** @param hmacSecret the development HS256 secret every service of this stack verifies tokens with */
    public record Auth(String hmacSecret) {}

    public record Nats(List<String> urls, List<String> monitor, List<String> cluster) {}

    public record Cassandra(List<String> contactPoints) {}

    /**
     * The fake push providers a scenario with push runs against (decision 0203): their base URLs; null without push.
     */
    public record PushProviders(String apns, String fcm) {}

    /** @param postgresUrl the PostgreSQL FerretDB stores in (decision 0012); null in a stack.json written before */
    public record Mongo(String uri, String postgresUrl) {}

    public record Elasticsearch(String url) {}

    /**
     * The stack's one entry point for clients (decision 0220); absent when the stack runs without one.
     *
     * @param url    plain HTTP, for local tools
     * @param ws     the WebSocket endpoint over plain HTTP
     * @param https  HTTPS (HTTP/2 or HTTP/1.1 by ALPN) with the stack's self-signed certificate
     * @param wss    the WebSocket endpoint over HTTPS
     * @param health what answers 200 while the gateway runs
     */
    public record Gateway(String url, String ws, String https, String wss, String health) {}

    /** @param links link name ({@code command -> nats}) to the proxies that carry it */
    public record Toxiproxy(String api, Map<String, List<PortPlan.Proxy>> links) {}

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Endpoint(String name, String url, String admin, String ws) {}

    /**
     * @param command  the first command instance
     * @param query    the first query instance
     * @param workers  every worker instance by name ({@code message-writer}, {@code message-writer-2})
     * @param commands every command instance, the first included (decision 0221); null in a stack.json written
     *                 before
     * @param queries  every query instance, the first included; null in a stack.json written before
     */
    public record Services(
            Endpoint command,
            Endpoint query,
            List<Endpoint> fanout,
            List<Endpoint> notification,
            Map<String, Endpoint> workers,
            List<Endpoint> commands,
            List<Endpoint> queries) {

        public Services(
                Endpoint command,
                Endpoint query,
                List<Endpoint> fanout,
                List<Endpoint> notification,
                Map<String, Endpoint> workers) {
            this(command, query, fanout, notification, workers, null, null);
        }

        /** Every command instance. */
        public List<Endpoint> commandInstances() {
            return commands == null ? List.of(command) : commands;
        }

        /** Every query instance. */
        public List<Endpoint> queryInstances() {
            return queries == null ? List.of(query) : queries;
        }

        /** Every service endpoint, in start order. */
        public List<Endpoint> all() {
            List<Endpoint> all = new java.util.ArrayList<>();
            all.addAll(commandInstances());
            all.addAll(queryInstances());
            all.addAll(fanout);
            all.addAll(notification);
            all.addAll(workers.values());
            return all;
        }
    }

    /**
     * Where a client sends commands: the gateway when the stack has one (decision 0220), else the first command
     * instance.
     */
    public String commandEntry() {
        return gateway != null ? gateway.url() : services.command().url();
    }

    /** Where a client reads: the gateway when the stack has one, else the first query instance. */
    public String queryEntry() {
        return gateway != null ? gateway.url() : services.query().url();
    }

    /**
     * Where a client opens its WebSocket: the gateway alone when the stack has one (it picks the instance, least
     * connections first), else each notification instance for the client to choose.
     */
    public List<Endpoint> socketEntries() {
        if (gateway != null) {
            return List.of(new Endpoint(GATEWAY, gateway.url(), null, gateway.ws()));
        }
        return services.notification();
    }

    /** The name of the gateway's endpoint among {@link #socketEntries()}, and its component name. */
    public static final String GATEWAY = "gateway";

    public StackDescription withState(State newState) {
        return new StackDescription(
                schemaVersion,
                runId,
                runDir,
                newState,
                owner,
                createdAt,
                shape,
                nats,
                cassandra,
                mongo,
                elasticsearch,
                toxiproxy,
                services,
                auth,
                pids,
                gateway,
                push);
    }

    /** The same stack, listing the fake push providers its push pool was pointed at. */
    public StackDescription withPush(PushProviders providers) {
        return new StackDescription(
                schemaVersion,
                runId,
                runDir,
                state,
                owner,
                createdAt,
                shape,
                nats,
                cassandra,
                mongo,
                elasticsearch,
                toxiproxy,
                services,
                auth,
                pids,
                gateway,
                providers);
    }

    public StackDescription withOwner(Owner newOwner) {
        return new StackDescription(
                schemaVersion,
                runId,
                runDir,
                state,
                newOwner,
                createdAt,
                shape,
                nats,
                cassandra,
                mongo,
                elasticsearch,
                toxiproxy,
                services,
                auth,
                pids,
                gateway,
                push);
    }

    public StackDescription withAuth(Auth newAuth) {
        return new StackDescription(
                schemaVersion,
                runId,
                runDir,
                state,
                owner,
                createdAt,
                shape,
                nats,
                cassandra,
                mongo,
                elasticsearch,
                toxiproxy,
                services,
                newAuth,
                pids,
                gateway,
                push);
    }

    public StackDescription withNats(Nats newNats) {
        return new StackDescription(
                schemaVersion,
                runId,
                runDir,
                state,
                owner,
                createdAt,
                shape,
                newNats,
                cassandra,
                mongo,
                elasticsearch,
                toxiproxy,
                services,
                auth,
                pids,
                gateway,
                push);
    }

    public StackDescription withPid(String component, long pid) {
        Map<String, Long> newPids = new LinkedHashMap<>(pids);
        newPids.put(component, pid);
        return new StackDescription(
                schemaVersion,
                runId,
                runDir,
                state,
                owner,
                createdAt,
                shape,
                nats,
                cassandra,
                mongo,
                elasticsearch,
                toxiproxy,
                services,
                auth,
                newPids,
                gateway,
                push);
    }

    private static Gateway gateway(PortPlan.GatewayPorts ports) {
        if (ports == null) {
            return null;
        }
        String http = "http://127.0.0.1:" + ports.http();
        String https = "https://127.0.0.1:" + ports.https();
        return new Gateway(
                http,
                "ws://127.0.0.1:" + ports.http() + "/v1/ws",
                https,
                "wss://127.0.0.1:" + ports.https() + "/v1/ws",
                http + io.chorus.harness.stack.config.GatewayConfig.HEALTH_PATH);
    }

    /** Describes a stack about to start, from its port plan. */
    public static StackDescription planned(
            String runId,
            Path runDir,
            StackShape shape,
            List<ServiceProcess> processes,
            PortPlan plan,
            long ownerPid,
            String hmacSecret) {
        Map<String, List<PortPlan.Proxy>> links = new LinkedHashMap<>();
        plan.proxies()
                .forEach(p -> links.computeIfAbsent(p.link(), k -> new java.util.ArrayList<>())
                        .add(p));

        List<Endpoint> fanout = new java.util.ArrayList<>();
        List<Endpoint> notification = new java.util.ArrayList<>();
        Map<String, Endpoint> workers = new LinkedHashMap<>();
        List<Endpoint> commands = new java.util.ArrayList<>();
        List<Endpoint> queries = new java.util.ArrayList<>();
        for (ServiceProcess process : processes) {
            PortPlan.ServicePorts ports = plan.services().get(process.name());
            String url = "http://127.0.0.1:" + ports.application();
            String admin = "http://127.0.0.1:" + ports.admin();
            switch (process.role()) {
                case COMMAND -> commands.add(new Endpoint(process.name(), url, admin, null));
                case QUERY -> queries.add(new Endpoint(process.name(), url, admin, null));
                case FANOUT -> fanout.add(new Endpoint(process.name(), url, admin, null));
                case NOTIFICATION ->
                    notification.add(new Endpoint(
                            process.name(), url, admin, "ws://127.0.0.1:" + ports.application() + "/v1/ws"));
                case WORKER -> workers.put(process.name(), new Endpoint(process.name(), null, admin, null));
            }
        }
        return new StackDescription(
                SCHEMA_VERSION,
                runId,
                runDir.toString(),
                State.STARTING,
                new Owner(ownerPid, false),
                Instant.now(),
                shape,
                new Nats(
                        plan.nats().stream()
                                // every node admits only the stack's user: the URLs carry it for the harness's tools
                                .map(n -> io.chorus.harness.stack.config.NatsUser.of(hmacSecret)
                                        .url("127.0.0.1:" + n.client()))
                                .toList(),
                        plan.nats().stream()
                                .map(n -> "http://127.0.0.1:" + n.monitor())
                                .toList(),
                        plan.nats().stream()
                                .map(n -> "nats://127.0.0.1:" + n.cluster())
                                .toList()),
                new Cassandra(plan.cassandra().stream()
                        .map(c -> c.host() + ":" + c.nativePort())
                        .toList()),
                new Mongo(
                        "mongodb://127.0.0.1:" + plan.mongo() + "/?directConnection=true",
                        PostgresServer.url(plan.postgres())),
                new Elasticsearch("http://127.0.0.1:" + plan.elasticsearchHttp()),
                new Toxiproxy("http://127.0.0.1:" + plan.toxiproxyApi(), links),
                new Services(
                        commands.isEmpty() ? null : commands.get(0),
                        queries.isEmpty() ? null : queries.get(0),
                        fanout,
                        notification,
                        workers,
                        List.copyOf(commands),
                        List.copyOf(queries)),
                new Auth(hmacSecret),
                new LinkedHashMap<>(),
                gateway(plan.gateway()),
                null);
    }
}
