package io.chorus.harness.stack;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Every port of one stack, decided before anything starts so that every config file can be written first.
 * Services never reach an engine directly: each service-to-engine connection goes through its own proxy.
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
        List<Proxy> proxies) {

    public record NatsNode(String name, int client, int cluster, int monitor) {
    }

    public record CassandraNode(String name, String host, int nativePort, int storagePort, int jmxPort) {
    }

    public record ServicePorts(int application, int admin) {
    }

    /**
     * One Toxiproxy proxy.
     *
     * @param name     unique proxy name, e.g. {@code command->nats-2}
     * @param link     the link it belongs to, e.g. {@code command -> nats} (all of a service's NATS proxies)
     * @param listen   port the service connects to
     * @param upstream {@code host:port} of the engine node behind it
     */
    public record Proxy(String name, String link, int listen, String upstream) {
    }

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
            for (Engine engine : service.engines()) {
                String link = service.linkTo(engine);
                switch (engine) {
                    case NATS -> nats.forEach(n -> proxies.add(
                            new Proxy(service.name() + "->" + n.name(), link, ports.next(), "127.0.0.1:" + n.client())));
                    case CASSANDRA -> cassandra.forEach(c -> proxies.add(new Proxy(
                            service.name() + "->" + c.name(), link, ports.next(), c.host() + ":" + c.nativePort())));
                    case MONGO -> proxies.add(
                            new Proxy(service.name() + "->mongo", link, ports.next(), "127.0.0.1:" + mongo));
                    case ELASTICSEARCH -> proxies.add(new Proxy(
                            service.name() + "->elasticsearch", link, ports.next(), "127.0.0.1:" + esHttp));
                }
            }
        }
        return new PortPlan(List.copyOf(nats), List.copyOf(cassandra), esHttp, esTransport, mongo, ferretDebug, postgres,
                toxiproxy, java.util.Collections.unmodifiableMap(servicePorts), List.copyOf(proxies));
    }

    /** The proxies of one link, in engine-node order. */
    public List<Proxy> proxiesOf(String link) {
        return proxies.stream().filter(p -> p.link().equals(link)).toList();
    }
}
