package io.chorus.harness.stack;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Every port of one stack, decided before anything starts so that every config file can be written first.
 * With proxied links (the default) services never reach an engine directly: each service-to-engine connection goes
 * through its own proxy, so a fault can be injected on exactly one link. With direct links (a run without faults,
 * decision 0091) there are no proxies and services dial the engines themselves.
 */
public record PortPlan(
        List<NatsNode> nats,
        List<CassandraNode> cassandra,
        int elasticsearchHttp,
        int elasticsearchTransport,
        int mongo,
        int ferretdbDebug,
        int postgres,
        int toxiproxyApi,
        Map<String, ServicePorts> services,
        List<Proxy> proxies,
        boolean proxied,
        GatewayPorts gateway) {

    public record NatsNode(String name, int client, int cluster, int monitor) {}

    public record CassandraNode(String name, String host, int nativePort, int storagePort, int jmxPort) {}

    public record ServicePorts(int application, int admin) {}

    /** The gateway's listeners (decision 0220); the plan of a stack without a gateway has none. */
    public record GatewayPorts(int http, int https) {}

    /**
     * One Toxiproxy proxy.
     *
     * @param name     unique proxy name, e.g. {@code command->nats-2}
     * @param link     the link it belongs to, e.g. {@code command -> nats} (all of a service's NATS proxies)
     * @param listen   port the service connects to
     * @param upstream {@code host:port} of the engine node behind it
     */
    public record Proxy(String name, String link, int listen, String upstream) {}

    public static PortPlan allocate(StackShape shape, List<ServiceProcess> services, PortAllocator ports) {
        List<NatsNode> nats = new ArrayList<>();
        for (int i = 1; i <= shape.natsNodes(); i++) {
            nats.add(new NatsNode("nats-" + i, ports.next(), ports.next(), ports.next()));
        }
        List<CassandraNode> cassandra = new ArrayList<>();
        int cqlPort = ports.next();
        int storagePort = ports.next();
        for (int i = 1; i <= shape.cassandraNodes(); i++) {
            // several nodes share ports on distinct loopback addresses, as Cassandra expects of a cluster; not
            // JMX, which listens on 127.0.0.1 whatever the node's address: a second node on the same JMX port
            // fails to start with "Address already in use"
            cassandra.add(new CassandraNode("cassandra-" + i, "127.0.0." + i, cqlPort, storagePort, ports.next()));
        }
        int esHttp = ports.next();
        int esTransport = ports.next();
        int mongo = ports.next();
        int ferretDebug = ports.next();
        int postgres = ports.next();
        int toxiproxy = ports.next();

        Map<String, ServicePorts> servicePorts = new LinkedHashMap<>();
        List<Proxy> proxies = new ArrayList<>();
        for (ServiceProcess service : services) {
            servicePorts.put(service.name(), new ServicePorts(ports.next(), ports.next()));
            if (shape.directLinks()) {
                continue;
            }
            for (Engine engine : service.engines()) {
                nodesOf(engine, nats, cassandra, mongo, esHttp)
                        .forEach((node, upstream) -> proxies.add(new Proxy(
                                service.name() + "->" + node, service.linkTo(engine), ports.next(), upstream)));
            }
        }
        return new PortPlan(
                List.copyOf(nats),
                List.copyOf(cassandra),
                esHttp,
                esTransport,
                mongo,
                ferretDebug,
                postgres,
                toxiproxy,
                java.util.Collections.unmodifiableMap(servicePorts),
                List.copyOf(proxies),
                !shape.directLinks(),
                shape.gatewayEnabled() ? new GatewayPorts(ports.next(), ports.next()) : null);
    }

    /** The proxies of one link, in engine-node order. */
    public List<Proxy> proxiesOf(String link) {
        return proxies.stream().filter(p -> p.link().equals(link)).toList();
    }

    /**
     * The {@code host:port} addresses a service dials for an engine, in node order: its own proxies of that link,
     * or with direct links the engine's nodes.
     */
    public List<String> addressesOf(ServiceProcess service, Engine engine) {
        if (!proxied) {
            return List.copyOf(
                    nodesOf(engine, nats, cassandra, mongo, elasticsearchHttp).values());
        }
        return proxiesOf(service.linkTo(engine)).stream()
                .map(p -> "127.0.0.1:" + p.listen())
                .toList();
    }

    /** An engine's nodes by name ({@code nats-2}, {@code mongo}), each with the {@code host:port} clients dial. */
    private static Map<String, String> nodesOf(
            Engine engine, List<NatsNode> nats, List<CassandraNode> cassandra, int mongo, int elasticsearchHttp) {
        Map<String, String> nodes = new LinkedHashMap<>();
        switch (engine) {
            case NATS -> nats.forEach(n -> nodes.put(n.name(), "127.0.0.1:" + n.client()));
            case CASSANDRA -> cassandra.forEach(c -> nodes.put(c.name(), c.host() + ":" + c.nativePort()));
            case MONGO -> nodes.put("mongo", "127.0.0.1:" + mongo);
            case ELASTICSEARCH -> nodes.put("elasticsearch", "127.0.0.1:" + elasticsearchHttp);
        }
        return nodes;
    }
}
