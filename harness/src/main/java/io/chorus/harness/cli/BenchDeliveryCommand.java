package io.chorus.harness.cli;

import io.chorus.harness.bench.DeliveryBenchmark;
import io.chorus.harness.stack.RunFolder;
import io.chorus.harness.stack.StackDescription;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(
        name = "bench-delivery",
        mixinStandardHelpOptions = true,
        description = {
            "Measures live delivery on a running stack (harness up first): delivery latency at a fixed "
                    + "rate over WebSocket clients, fan-out publishes per message, NATS subscriptions per notification "
                    + "instance, and a user in many channels. Sends through the Command Service (POST, 202); seeds "
                    + "memberships directly (Mongo documents and permission keys, as the meta-writer stores them).",
            "Writes bench-delivery-<time>.json into the run folder and prints it."
        })
public final class BenchDeliveryCommand implements Callable<Integer> {
    @Parameters(arity = "0..1", paramLabel = "RUN_DIR", description = "the stack's run folder")
    Path runDir;

    @Option(names = "--rate", defaultValue = "500", description = "messages per second (default ${DEFAULT-VALUE})")
    int rate;

    @Option(names = "--channels", defaultValue = "100", description = "channels (default ${DEFAULT-VALUE})")
    int channels;

    @Option(
            names = "--sockets",
            defaultValue = "1000",
            description = "online users, one socket each, spread over "
                    + "the notification instances (default ${DEFAULT-VALUE})")
    int sockets;

    @Option(
            names = "--duration",
            defaultValue = "PT60S",
            description = "load duration, ISO-8601 (default ${DEFAULT-VALUE})")
    Duration duration;

    @Option(
            names = "--warmup",
            defaultValue = "PT10S",
            description = "excluded from latencies (default ${DEFAULT-VALUE})")
    Duration warmup;

    @Option(
            names = "--big-user-channels",
            defaultValue = "100000",
            description = "channels of the big user; 0 skips that part (default ${DEFAULT-VALUE})")
    int bigUserChannels;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        Checkout checkout = new Checkout(System.err);
        Optional<RunFolder> run = checkout.runFolder(runDir, spec.commandLine());
        StackDescription stack = run.flatMap(RunFolder::read)
                .orElseThrow(() -> new IllegalStateException("no running stack: harness up first"));
        DeliveryBenchmark bench = new DeliveryBenchmark(stack, System.out);
        Map<String, Object> report = new LinkedHashMap<>();
        section(report, "publishesPerMessage", bench::publishesPerMessage);
        if (sockets > 0) {
            section(report, "load", () -> bench.load(channels, sockets, rate, duration, warmup));
        }
        if (bigUserChannels > 0) {
            section(report, "bigUser", () -> bench.bigUser(bigUserChannels, 100, Duration.ofSeconds(20)));
        }
        String json = RunFolder.JSON.writerWithDefaultPrettyPrinter().writeValueAsString(report);
        Path file = run.get().dir().resolve("bench-delivery-" + System.currentTimeMillis() + ".json");
        Files.writeString(file, json);
        System.out.println(json);
        System.out.println("written to " + file);
        return report.values().stream().anyMatch(v -> v instanceof String) ? 1 : 0;
    }

    /** Runs one part; prints it at once (a later part that fails does not lose it) or records its failure. */
    private static void section(Map<String, Object> report, String name, Callable<Map<String, Object>> part) {
        try {
            Map<String, Object> result = part.call();
            report.put(name, result);
            System.out.println(name + ": " + RunFolder.JSON.writeValueAsString(result));
        } catch (Exception e) {
            report.put(name, "failed: " + e);
            System.out.println(name + " failed: " + e);
        }
    }
}
