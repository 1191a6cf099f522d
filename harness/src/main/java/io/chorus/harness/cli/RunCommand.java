package io.chorus.harness.cli;

import io.chorus.harness.Harness;
import io.chorus.harness.report.RunReport;
import io.chorus.harness.run.Drivers;
import io.chorus.harness.run.ScenarioRun;
import io.chorus.harness.scenario.InvalidScenario;
import io.chorus.harness.scenario.Scenario;
import io.chorus.harness.scenario.ScenarioParser;
import io.chorus.harness.scenario.StackOverrides;
import io.chorus.harness.stack.ExternalStack;
import io.chorus.harness.stack.Stack;
import io.chorus.harness.stack.StackDescription;
import io.chorus.harness.stack.StackShape;
import io.chorus.harness.stack.containers.ContainerRuntime;
import io.chorus.harness.stack.containers.ContainerStack;
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

    @Option(
            names = "--stack",
            description = "local, containers or external (default: the scenario's stack.provider, else local)")
    StackKind stackKind;

    @Option(names = "--stack-file", description = "with --stack external: the stack.json of a running stack")
    Path stackFile;

    @Option(
            names = "--image-version",
            defaultValue = "latest",
            description = "with --stack containers: the tag of the chorus/<service> images (${DEFAULT-VALUE})")
    String imageVersion;

    /** Where --stack containers looks for a container engine (a test points it at a machine without one). */
    ContainerRuntime containerRuntime = ContainerRuntime.ofThisMachine();

    @Option(names = "--out", description = "the reports folder (default: reports/ of the checkout)")
    Path out;

    @Option(names = "--seed", description = "overrides the scenario's seed")
    Long seed;

    @Option(
            names = "--set",
            paramLabel = "stack.KEY=VALUE",
            description = "sets a key of the scenario's stack section (repeatable), e.g. --set stack.gateway=false "
                    + "or --set stack.commandInstances=2: one scenario measures several shapes (docs/scenarios.md)")
    List<String> settings = List.of();

    @Override
    public Integer call() {
        Scenario scenario;
        try {
            scenario = settings.isEmpty()
                    ? new ScenarioParser().parse(scenarioFile)
                    : new ScenarioParser()
                            .parse(
                                    scenarioFile + " with --set " + String.join(" ", settings),
                                    StackOverrides.apply(Files.readString(scenarioFile), settings));
        } catch (InvalidScenario e) {
            System.err.println(e.getMessage());
            return Harness.HARNESS_ERROR;
        } catch (IOException | IllegalArgumentException e) {
            System.err.println("harness: " + scenarioFile + ": " + e.getMessage());
            return Harness.HARNESS_ERROR;
        }
        if (seed != null) {
            scenario = scenario.withSeed(seed);
        }
        Checkout checkout = new Checkout(System.out);
        StackKind kind = stackKind(scenario);
        Stack stack = stack(kind, checkout, scenario); // a stack that cannot be had is refused before the report folder
        Path folder = reportFolder(checkout, scenario);
        RunReport report = new ScenarioRun(
                        scenario,
                        scenarioFile.toString(),
                        stack,
                        kind.name(),
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

    /** The command line's --stack, else the scenario's {@code stack.provider}, else the local stack. */
    StackKind stackKind(Scenario scenario) {
        if (stackKind != null) {
            return stackKind;
        }
        return scenario.stackProvider() == null ? StackKind.local : StackKind.valueOf(scenario.stackProvider());
    }

    private Stack stack(StackKind kind, Checkout checkout, Scenario scenario) {
        return switch (kind) {
            case local -> new LazyLocalStack(checkout, scenario.stack());
            case external -> external();
            case containers ->
                ContainerStack.create(
                        checkout.home.root(), scenario.stack(), imageVersion, containerRuntime, System.out);
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
        private final StackShape shape;
        private io.chorus.harness.stack.LocalStack stack;

        LazyLocalStack(Checkout checkout, StackShape shape) {
            this.checkout = checkout;
            this.shape = shape;
        }

        @Override
        public StackDescription up() {
            checkout.cleanOrphans();
            stack = io.chorus.harness.stack.LocalStack.create(checkout.home, shape, checkout.engines(), System.out);
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
