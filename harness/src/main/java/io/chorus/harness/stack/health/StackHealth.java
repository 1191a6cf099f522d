package io.chorus.harness.stack.health;

import io.chorus.harness.stack.StackDescription;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;

/** The probes of every component of a described stack, run side by side. */
public final class StackHealth {
    private StackHealth() {
    }

    public static List<HealthProbe> probes(StackDescription stack) {
        List<HealthProbe> probes = new ArrayList<>();
        probes.addAll(engineProbes(stack));
        stack.services().all().forEach(s -> probes.add(Probes.service(s.name(), s.admin())));
        return probes;
    }

    public static List<HealthProbe> engineProbes(StackDescription stack) {
        List<HealthProbe> probes = new ArrayList<>();
        List<String> monitors = stack.nats().monitor();
        IntStream.range(0, monitors.size()).forEach(i -> probes.add(
                Probes.natsNode("nats-" + (i + 1), monitors.get(i), monitors.size())));
        List<String> contactPoints = stack.cassandra().contactPoints();
        IntStream.range(0, contactPoints.size()).forEach(i -> probes.add(
                Probes.cql("cassandra-" + (i + 1), contactPoints.get(i))));
        probes.add(Probes.elasticsearch("elasticsearch", stack.elasticsearch().url()));
        if (stack.mongo().postgresUrl() != null) {
            probes.add(Probes.tcp("postgres", "127.0.0.1", java.net.URI.create(stack.mongo().postgresUrl()).getPort()));
        }
        probes.add(Probes.mongoPing("ferretdb", stack.mongo().uri()));
        int proxies = stack.toxiproxy().links().values().stream().mapToInt(List::size).sum();
        probes.add(Probes.toxiproxy("toxiproxy", stack.toxiproxy().api(), proxies));
        return probes;
    }

    public static List<Health> check(List<HealthProbe> probes) {
        List<CompletableFuture<Health>> running = probes.stream()
                .map(p -> CompletableFuture.supplyAsync(p::probe))
                .toList();
        return running.stream().map(CompletableFuture::join).toList();
    }
}
