package io.chorus.harness.cli;

import io.chorus.harness.stack.LocalStack;
import io.chorus.harness.stack.ProcessTable;
import io.chorus.harness.stack.RunFolder;
import io.chorus.harness.stack.StackDescription;
import io.chorus.harness.stack.StackDescription.State;
import io.chorus.harness.stack.health.DeadLetterCounts;
import io.chorus.harness.stack.health.Health;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(
        name = "status",
        mixinStandardHelpOptions = true,
        description = {
            "Shows each component of a stack, its PID and its health, and how many messages each consumer "
                    + "has dead-lettered. Without RUN_DIR: the most recent stack of this checkout.",
            "Exit status: 0 all healthy, 1 something is not."
        })
public final class StatusCommand implements Callable<Integer> {
    @Parameters(arity = "0..1", paramLabel = "RUN_DIR", description = "the stack's run folder")
    Path runDir;

    @Option(names = "--json", description = "print JSON for machines")
    boolean json;

    @Spec
    CommandSpec spec;

    /** One line of the status: a component, its process and its health. */
    public record ComponentStatus(
            String component, Long pid, boolean running, boolean healthy, long residentBytes, String detail) {}

    /**
     * The whole status, as {@code --json} prints it. {@code deadLetters}: messages in the dead-letter stream per
     * consumer (decision 0120), null when NATS could not be read.
     */
    public record StackStatus(
            String runDir,
            State state,
            boolean healthy,
            long residentBytes,
            List<ComponentStatus> components,
            Map<String, Long> deadLetters) {}

    @Override
    public Integer call() throws Exception {
        Checkout checkout = new Checkout(System.err);
        Optional<RunFolder> run = checkout.runFolder(runDir, spec.commandLine());
        if (run.isEmpty()) {
            System.out.println(json ? "{\"healthy\": false, \"components\": []}" : "no stack in this checkout");
            return 1;
        }
        LocalStack stack = LocalStack.attach(checkout.home, run.get(), checkout.engines(), System.err);
        StackStatus status = statusOf(
                stack.description(),
                stack.status(),
                DeadLetterCounts.read(stack.description().nats().urls()).orElse(null));
        if (json) {
            System.out.println(io.chorus.harness.stack.RunFolder.JSON.writeValueAsString(status));
        } else {
            print(status);
        }
        return status.healthy() ? 0 : 1;
    }

    static StackStatus statusOf(StackDescription description, List<Health> health, Map<String, Long> deadLetters) {
        ProcessTable processes = new ProcessTable();
        String tag = new RunFolder(java.nio.file.Path.of(description.runDir())).processTag();
        Map<String, Health> byComponent = new LinkedHashMap<>();
        health.forEach(h -> byComponent.put(h.component(), h));
        List<ComponentStatus> components = description.pids().entrySet().stream()
                .map(e -> {
                    Health h = byComponent.getOrDefault(e.getKey(), Health.failing(e.getKey(), "no probe"));
                    boolean running = processes.isAlive(e.getValue());
                    // a component's memory includes its children (Elasticsearch's launcher starts the server JVM)
                    long rss = processes.group(tag, e.getValue()).stream()
                            .mapToLong(processes::residentBytes)
                            .sum();
                    return new ComponentStatus(
                            e.getKey(), e.getValue(), running, running && h.healthy(), rss, h.detail());
                })
                .toList();
        boolean healthy = !components.isEmpty() && components.stream().allMatch(ComponentStatus::healthy);
        long rss = components.stream().mapToLong(ComponentStatus::residentBytes).sum();
        return new StackStatus(description.runDir(), description.state(), healthy, rss, components, deadLetters);
    }

    private static void print(StackStatus status) {
        System.out.println(
                "stack " + status.runDir() + " (" + status.state().name().toLowerCase(Locale.ROOT) + ")");
        System.out.printf("%-16s %-8s %-8s %8s  %s%n", "COMPONENT", "PID", "HEALTH", "RSS(MB)", "DETAIL");
        for (ComponentStatus c : status.components()) {
            String health = !c.running() ? "stopped" : c.healthy() ? "ok" : "failing";
            System.out.printf(
                    "%-16s %-8d %-8s %8d  %s%n", c.component(), c.pid(), health, c.residentBytes() >> 20, c.detail());
        }
        System.out.printf(
                "%-16s %-8s %-8s %8d%n",
                "total", "", status.healthy() ? "ok" : "failing", status.residentBytes() >> 20);
        System.out.println(deadLetterLine(status.deadLetters()));
    }

    /** One line: every consumer that dead-lettered something, with how many. */
    static String deadLetterLine(Map<String, Long> deadLetters) {
        if (deadLetters == null) {
            return "dead letters: unknown (NATS did not answer)";
        }
        if (deadLetters.isEmpty()) {
            return "dead letters: none";
        }
        StringBuilder line = new StringBuilder("dead letters:");
        deadLetters.forEach((consumer, count) ->
                line.append(' ').append(consumer).append('=').append(count));
        return line.toString();
    }
}
