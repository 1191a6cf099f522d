package io.chorus.harness.cli;

import io.chorus.harness.Harness;
import io.chorus.harness.explore.Exploration;
import io.chorus.harness.explore.ExploreBounds;
import io.chorus.harness.explore.ExploreSummary;
import io.chorus.harness.explore.FaultSpace;
import io.chorus.harness.nemesis.FaultKind;
import io.chorus.harness.nemesis.FaultTargets;
import io.chorus.harness.run.Drivers;
import io.chorus.harness.run.ScenarioRun;
import io.chorus.harness.scenario.InvalidScenario;
import io.chorus.harness.scenario.Scenario;
import io.chorus.harness.scenario.ScenarioParser;
import io.chorus.harness.stack.StackShape;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(
        name = "explore",
        mixinStandardHelpOptions = true,
        description = {
            "Searches fault schedules: runs the scenario (its stack, population, workload and SLOs) trial after "
                    + "trial, each with a fault schedule drawn at random from the seed, judges each with the checker, "
                    + "shrinks every failure to a smaller schedule that still fails, and writes it as "
                    + "reports/explore/<run>/found-<n>.yaml beside summary.json.",
            "Exit 0 when no trial failed, 1 when a failure was found, 2 when the harness failed."
        })
public final class ExploreCommand implements Callable<Integer> {
    private static final Pattern DURATION = Pattern.compile("(\\d{1,9})(ms|s|m|h)");

    @Parameters(index = "0", paramLabel = "SCENARIO.yaml")
    Path scenarioFile;

    @Option(names = "--budget", defaultValue = "2h", description = "no trial starts after this long (${DEFAULT-VALUE})")
    String budget;

    @Option(names = "--trials", description = "at most this many trials (default: until the budget is spent)")
    Integer trials;

    @Option(names = "--seed", description = "seeds the schedules (default: random, printed)")
    Long seed;

    @Option(
            names = "--faults",
            split = ",",
            paramLabel = "KIND|TARGET",
            description =
                    "the fault kinds and targets to draw from, such as kill,latency,notification-1,command -> nats"
                            + " (default: every kind but wipe-and-rebuild, every target)")
    Set<String> faults;

    @Option(
            names = "--max-faults",
            defaultValue = "3",
            description = "at most this many faults per trial (${DEFAULT-VALUE})")
    int maxFaults;

    @Option(names = "--window", defaultValue = "5s..30s", description = "a fault's window, min..max (${DEFAULT-VALUE})")
    String window;

    @Option(names = "--no-overlap", description = "faults' windows never overlap in time")
    boolean noOverlap;

    @Option(
            names = "--shrink-attempts",
            defaultValue = "30",
            description = "at most this many trials to shrink one failure (${DEFAULT-VALUE})")
    int shrinkAttempts;

    @Option(names = "--out", description = "the reports folder (default: reports/ of the checkout)")
    Path out;

    @Override
    public Integer call() throws IOException {
        Scenario scenario;
        try {
            scenario = new ScenarioParser().parse(scenarioFile);
        } catch (InvalidScenario e) {
            System.err.println(e.getMessage());
            return Harness.HARNESS_ERROR;
        }
        ExploreBounds bounds;
        try {
            bounds = bounds(FaultTargets.of(scenario.stack().withLinks(StackShape.PROXIED)));
        } catch (IllegalArgumentException e) {
            System.err.println("harness explore: " + e.getMessage());
            return Harness.HARNESS_ERROR;
        }
        long explorationSeed = seed != null ? seed : new SecureRandom().nextLong();
        Checkout checkout = new Checkout(System.out);
        Path folder = folder(checkout);
        System.out.println("exploring " + scenario.name() + " with seed " + explorationSeed + " into " + folder);
        Drivers drivers = Drivers.available(System.out, checkout.engines());
        ExploreSummary summary = new Exploration(
                        scenario,
                        Files.readString(scenarioFile),
                        bounds,
                        new Exploration.Settings(
                                explorationSeed,
                                trials == null ? Integer.MAX_VALUE : trials,
                                duration(budget),
                                shrinkAttempts),
                        // one stack per trial: each trial is a whole run (decision 0240)
                        (trial, trialFolder) -> new ScenarioRun(
                                        trial,
                                        scenarioFile.toString(),
                                        new RunCommand.LazyLocalStack(checkout, trial.stack()),
                                        "local",
                                        drivers,
                                        trialFolder,
                                        System.out)
                                .execute(),
                        folder,
                        System.out,
                        System::nanoTime)
                .run();
        System.out.println(folder);
        return summary.failures() > 0 ? 1 : 0;
    }

    private ExploreBounds bounds(FaultTargets targets) {
        String[] span = window.split("\\.\\.");
        if (span.length != 2) {
            throw new IllegalArgumentException("--window: expected min..max such as 5s..30s, got " + window);
        }
        Set<FaultKind> kinds = EnumSet.noneOf(FaultKind.class);
        Set<String> names = new LinkedHashSet<>();
        for (String item : faults == null ? Set.<String>of() : faults) {
            FaultKind.of(item.trim()).ifPresentOrElse(kinds::add, () -> names.add(FaultTargets.normalize(item)));
        }
        Set<String> unknown = FaultSpace.unknownTargets(names, targets);
        if (!unknown.isEmpty()) {
            throw new IllegalArgumentException("--faults: " + unknown + " are neither fault kinds ("
                    + String.join(", ", FaultKind.names()) + ") nor targets of this stack (components "
                    + String.join(", ", targets.componentNames())
                    + "; links as stack.json names them, such as 'command -> nats')");
        }
        ExploreBounds defaults = ExploreBounds.defaults();
        return new ExploreBounds(
                maxFaults,
                duration(span[0]),
                duration(span[1]),
                defaults.settle(),
                !noOverlap,
                defaults.maxIntensity(),
                kinds.isEmpty() ? defaults.kinds() : kinds,
                names);
    }

    private Path folder(Checkout checkout) throws IOException {
        Path root = out != null ? out : checkout.home.root().resolve("reports");
        byte[] suffix = new byte[3];
        new SecureRandom().nextBytes(suffix);
        String id = LocalDateTime.now(ZoneId.systemDefault()).format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"))
                + "-" + java.util.HexFormat.of().formatHex(suffix);
        return Files.createDirectories(root.resolve("explore").resolve(id)).toAbsolutePath();
    }

    static Duration duration(String text) {
        Matcher m = DURATION.matcher(text.trim());
        if (!m.matches()) {
            throw new IllegalArgumentException("expected a duration such as 90s, 30m or 2h, got '" + text + "'");
        }
        long amount = Long.parseLong(m.group(1));
        return switch (m.group(2)) {
            case "ms" -> Duration.ofMillis(amount);
            case "s" -> Duration.ofSeconds(amount);
            case "m" -> Duration.ofMinutes(amount);
            default -> Duration.ofHours(amount);
        };
    }
}
