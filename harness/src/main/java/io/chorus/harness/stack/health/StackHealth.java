package io.chorus.harness.stack.health;

import io.chorus.harness.stack.NatsStorage;
import io.chorus.harness.stack.StackDescription;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;

/** The probes of every component of a described stack, run side by side. */
public final class StackHealth {
    private StackHealth() {}

    public static List<HealthProbe> probes(StackDescription stack) {
        return List.copyOf(byComponent(stack).values());
    }

    public static List<HealthProbe> engineProbes(StackDescription stack) {
        return List.copyOf(engineProbesByComponent(stack).values());
    }

    /** Every component's probe under the component's name (engines first, then services in start order). */
    public static Map<String, HealthProbe> byComponent(StackDescription stack) {
        Map<String, HealthProbe> probes = engineProbesByComponent(stack);
        stack.services().all().forEach(s -> probes.put(s.name(), Probes.service(s.name(), s.admin())));
        if (stack.gateway() != null) {
            probes.put("gateway", Probes.gateway("gateway", stack.gateway().health()));
        }
        return probes;
    }

    private static Map<String, HealthProbe> engineProbesByComponent(StackDescription stack) {
        Map<String, HealthProbe> probes = new LinkedHashMap<>();
        List<String> monitors = stack.nats().monitor();
        IntStream.range(0, monitors.size())
                .forEach(i -> probes.put(
                        "nats-" + (i + 1), Probes.natsNode("nats-" + (i + 1), monitors.get(i), monitors.size())));
        List<String> contactPoints = stack.cassandra().contactPoints();
        IntStream.range(0, contactPoints.size())
                .forEach(i ->
                        probes.put("cassandra-" + (i + 1), Probes.cql("cassandra-" + (i + 1), contactPoints.get(i))));
        probes.put(
                "elasticsearch",
                Probes.elasticsearch("elasticsearch", stack.elasticsearch().url()));
        if (stack.mongo().postgresUrl() != null) {
            probes.put(
                    "postgres",
                    Probes.tcp(
                            "postgres",
                            "127.0.0.1",
                            java.net.URI.create(stack.mongo().postgresUrl()).getPort()));
        }
        probes.put("ferretdb", Probes.mongoPing("ferretdb", stack.mongo().uri()));
        if (stack.shape() != null && stack.shape().natsOnUnsyncedWriteFs()) {
            probes.put(NatsStorage.COMPONENT, NatsStorage.probe(java.nio.file.Path.of(stack.runDir()), stack.shape()));
        }
        int proxies =
                stack.toxiproxy().links().values().stream().mapToInt(List::size).sum();
        probes.put("toxiproxy", Probes.toxiproxy("toxiproxy", stack.toxiproxy().api(), proxies));
        return probes;
    }

    public static List<Health> check(List<HealthProbe> probes) {
        List<CompletableFuture<Health>> running = probes.stream()
                .map(p -> CompletableFuture.supplyAsync(p::probe))
                .toList();
        return running.stream().map(CompletableFuture::join).toList();
    }
}
