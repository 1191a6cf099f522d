package io.chorus.harness.cli;

import io.chorus.harness.Harness;
import io.chorus.harness.report.RunReport;
import io.chorus.harness.run.Drivers;
import io.chorus.harness.run.ScenarioRun;
import io.chorus.harness.scenario.InvalidScenario;
import io.chorus.harness.scenario.Scenario;
import io.chorus.harness.scenario.ScenarioParser;
import io.chorus.harness.stack.ExternalStack;
import io.chorus.harness.stack.Stack;
import io.chorus.harness.stack.StackDescription;
import io.chorus.harness.stack.health.Health;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(
        name = "run",
        mixinStandardHelpOptions = true,
        description = {
            "Runs a scenario: brings the stack up (unless external), seeds the population, runs the "
                    + "workload, checks the history, writes the report, brings the stack down.",
            "Exit 0 when every SLO and invariant holds, 1 when any is breached, 2 when the run itself failed.",
            "The last line printed is the report folder."
        })
public final class RunCommand implements Callable<Integer> {
    enum StackKind {
        local,
        containers,
        external
    }

    @Parameters(index = "0", paramLabel = "SCENARIO.yaml")
    Path scenarioFile;

    @Option(names = "--stack", defaultValue = "local", description = "local, containers or external (${DEFAULT-VALUE})")
    StackKind stackKind;

    @Option(names = "--stack-file", description = "with --stack external: the stack.json of a running stack")
    Path stackFile;

    @Option(names = "--out", description = "the reports folder (default: reports/ of the checkout)")
    Path out;

    @Option(names = "--seed", description = "overrides the scenario's seed")
    Long seed;

    @Override
    public Integer call() {
        Scenario scenario;
        try {
            scenario = new ScenarioParser().parse(scenarioFile);
        } catch (InvalidScenario e) {
            System.err.println(e.getMessage());
            return Harness.HARNESS_ERROR;
        }
        if (seed != null) {
            scenario = scenario.withSeed(seed);
        }
        Checkout checkout = new Checkout(System.out);
        Path folder = reportFolder(checkout, scenario);
        RunReport report = new ScenarioRun(
                        scenario,
                        scenarioFile.toString(),
                        stack(checkout, scenario),
                        stackKind.name(),
                        Drivers.available(System.out, checkout.engines()),
                        folder,
                        System.out)
                .execute();
        if (report.error() != null) {
            System.err.println("harness: run failed: " + report.error());
        }
        System.out.println(folder);
        return report.exitCode();
    }

    private Stack stack(Checkout checkout, Scenario scenario) {
        return switch (stackKind) {
            case local -> new LazyLocalStack(checkout, scenario);
            case external -> external();
            case containers ->
                throw new UnsupportedOperationException(
                        "--stack containers needs a Docker engine, which this machine does not have");
        };
    }

    private Stack external() {
        if (stackFile == null) {
            throw new IllegalArgumentException("--stack external needs --stack-file stack.json");
        }
        return ExternalStack.read(stackFile); // someone else's stack: never started or stopped by the harness
    }

    private Path reportFolder(Checkout checkout, Scenario scenario) {
        Path root = out != null ? out : checkout.home.root().resolve("reports");
        // a random suffix, as run folders have, so two runs started in the same second never share a folder
        byte[] suffix = new byte[3];
        new java.security.SecureRandom().nextBytes(suffix);
        String id = LocalDateTime.now(ZoneId.systemDefault()).format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"))
                + "-" + java.util.HexFormat.of().formatHex(suffix);
        try {
            return Files.createDirectories(root.resolve(scenario.name()).resolve(id))
                    .toAbsolutePath();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The local stack, created only when the run asks for it, so a run that fails earlier starts nothing. */
    static final class LazyLocalStack implements Stack {
        private final Checkout checkout;
        private final Scenario scenario;
        private io.chorus.harness.stack.LocalStack stack;

        LazyLocalStack(Checkout checkout, Scenario scenario) {
            this.checkout = checkout;
            this.scenario = scenario;
        }

        @Override
        public StackDescription up() {
            checkout.cleanOrphans();
            stack = io.chorus.harness.stack.LocalStack.create(
                    checkout.home, scenario.stack(), checkout.engines(), System.out);
            return stack.up();
        }

        @Override
        public List<Health> status() {
            return stack == null ? List.of() : stack.status();
        }

        @Override
        public java.util.Optional<io.chorus.harness.stack.LocalStack> local() {
            return java.util.Optional.ofNullable(stack);
        }

        @Override
        public void down() {
            if (stack != null) {
                stack.down();
            }
        }
    }
}
