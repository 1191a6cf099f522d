package io.chorus.harness.nemesis;

import io.chorus.harness.stack.LocalStack;
import io.chorus.harness.stack.PortAllocator;
import io.chorus.harness.stack.PortPlan;
import io.chorus.harness.stack.ServiceProcess;
import io.chorus.harness.stack.StackDescription;
import io.chorus.harness.stack.StackShape;
import io.chorus.harness.stack.Topology;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;

/**
 * What a fault may be aimed at in a stack of a given shape: components (each process the stack runs: every instance
 * of a service by its name, {@code command-2}, {@code message-writer-3}, and the {@code gateway}; and the groups
 * {@code nats} and {@code cassandra} meaning every node at once) and links (each service-to-engine link,
 * all its proxies, and each single proxy of it written {@code service -> nats-2}). Toxiproxy itself is not a
 * target: a fault on it would be a fault on every link at once, which a scenario says link by link.
 */
public final class FaultTargets {
    /**
     * The fake push providers a run with push starts in the harness's process (decision 0204): targets of provider
     * faults only, never of process or link faults.
     */
    public static final List<String> PUSH_PROVIDERS = List.of("push-apns", "push-fcm");

    private final Map<String, List<String>> components;
    private final Map<String, List<String>> links;
    private final Set<String> onUnsyncedWriteFs;

    private FaultTargets(
            Map<String, List<String>> components, Map<String, List<String>> links, Set<String> onUnsyncedWriteFs) {
        this.components = components;
        this.links = links;
        this.onUnsyncedWriteFs = onUnsyncedWriteFs;
    }

    /** The targets of a stack of this shape, with the proxy names the local stack gives its links. */
    public static FaultTargets of(StackShape shape) {
        List<ServiceProcess> services = Topology.services(shape);
        // only the names of the plan matter here: hand out fake ports without touching the machine's
        PortPlan plan =
                PortPlan.allocate(shape, services, new PortAllocator(port -> true, new HashSet<>(), new Random(0)));
        Map<String, List<String>> proxies = new LinkedHashMap<>();
        plan.proxies()
                .forEach(p -> proxies.computeIfAbsent(p.link(), k -> new ArrayList<>())
                        .add(p.name()));
        List<String> nats = plan.nats().stream().map(PortPlan.NatsNode::name).toList();
        List<String> cassandra =
                plan.cassandra().stream().map(PortPlan.CassandraNode::name).toList();
        return build(
                services.stream().map(ServiceProcess::name).toList(),
                nats,
                cassandra,
                proxies,
                shape.natsOnUnsyncedWriteFs(),
                shape.gatewayEnabled());
    }

    /** The targets of a running stack, from its description. */
    public static FaultTargets of(StackDescription stack) {
        Map<String, List<String>> proxies = new LinkedHashMap<>();
        stack.toxiproxy()
                .links()
                .forEach((link, list) -> proxies.put(
                        link, list.stream().map(PortPlan.Proxy::name).toList()));
        List<String> nats = new ArrayList<>();
        for (int i = 1; i <= stack.nats().urls().size(); i++) {
            nats.add("nats-" + i);
        }
        List<String> cassandra = new ArrayList<>();
        for (int i = 1; i <= stack.cassandra().contactPoints().size(); i++) {
            cassandra.add("cassandra-" + i);
        }
        List<String> services = stack.services().all().stream()
                .map(StackDescription.Endpoint::name)
                .toList();
        return build(
                services,
                nats,
                cassandra,
                proxies,
                stack.shape() != null && stack.shape().natsOnUnsyncedWriteFs(),
                stack.gateway() != null);
    }

    private static FaultTargets build(
            List<String> services,
            List<String> nats,
            List<String> cassandra,
            Map<String, List<String>> proxiesByLink,
            boolean natsOnUnsyncedWriteFs,
            boolean gateway) {
        Map<String, List<String>> components = new LinkedHashMap<>();
        services.forEach(s -> components.put(s, List.of(s)));
        if (gateway) {
            components.put(LocalStack.GATEWAY, List.of(LocalStack.GATEWAY));
        }
        nats.forEach(n -> components.put(n, List.of(n)));
        components.put("nats", nats);
        cassandra.forEach(c -> components.put(c, List.of(c)));
        components.put("cassandra", cassandra);
        components.put("elasticsearch", List.of("elasticsearch"));
        components.put("ferretdb", List.of("ferretdb"));
        Map<String, List<String>> links = new LinkedHashMap<>();
        proxiesByLink.forEach((link, proxies) -> {
            links.put(link, List.copyOf(proxies));
            if (proxies.size() > 1) {
                // "command->nats-2" is also reachable as the link target "command -> nats-2"
                proxies.forEach(p -> links.put(p.replace("->", " -> "), List.of(p)));
            }
        });
        return new FaultTargets(components, links, natsOnUnsyncedWriteFs ? Set.copyOf(nats) : Set.of());
    }

    /** Collapses the spaces around an arrow, so {@code command->nats} and {@code command  ->  nats} are one link. */
    public static String normalize(String target) {
        String t = target.trim();
        int arrow = t.indexOf("->");
        return arrow < 0
                ? t
                : t.substring(0, arrow).trim() + " -> " + t.substring(arrow + 2).trim();
    }

    public static boolean isLink(String target) {
        return target.contains("->");
    }

    /** The processes (component names) a process fault on {@code target} acts on. */
    public Optional<List<String>> components(String target) {
        return Optional.ofNullable(components.get(target));
    }

    /** The Toxiproxy proxies a link fault on {@code target} acts on. */
    public Optional<List<String>> proxies(String target) {
        return Optional.ofNullable(links.get(normalize(target)));
    }

    /** Whether every process of {@code target} stores on the unsynced-write filesystem (a power loss can hit it). */
    public boolean onUnsyncedWriteFs(String target) {
        return components(target)
                .map(c -> !c.isEmpty() && onUnsyncedWriteFs.containsAll(c))
                .orElse(false);
    }

    public List<String> componentNames() {
        return List.copyOf(components.keySet());
    }

    public List<String> linkNames() {
        return List.copyOf(links.keySet());
    }
}
