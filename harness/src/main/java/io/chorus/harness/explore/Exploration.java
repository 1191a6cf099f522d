package io.chorus.harness.explore;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.chorus.harness.nemesis.FaultSchedule;
import io.chorus.harness.nemesis.FaultTargets;
import io.chorus.harness.nemesis.ScheduledFault;
import io.chorus.harness.scenario.Scenario;
import io.chorus.harness.stack.StackShape;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.function.LongSupplier;

/**
 * Trial after trial of one scenario, each with a schedule drawn from the exploration's seed; a trial the checker
 * fails is shrunk (each attempt a trial of its own) and written as {@code found-<n>.yaml}. It stops when the
 * trials or the budget run out; a trial under way is finished, a shrink stops at the budget.
 */
public final class Exploration {
    /**
     * @param seed           seeds the schedules (not the population or workload, which the scenario's seed does)
     * @param trials         at most this many trials
     * @param budget         no trial or shrink attempt is started after this much time
     * @param shrinkAttempts at most this many attempts per failure
     */
    public record Settings(long seed, int trials, Duration budget, int shrinkAttempts) {}

    private final Scenario scenario;
    private final String scenarioText;
    private final Settings settings;
    private final TrialRunner runner;
    private final Path folder;
    private final PrintStream out;
    private final LongSupplier nanoTime;
    private final FaultTargets targets;
    private final ScheduleGenerator generator;
    private final Map<String, Integer> faultsByKind = new TreeMap<>();
    private final List<ExploreSummary.Found> found = new ArrayList<>();
    private long started;
    private int trials;
    private int errors;

    /**
     * @param scenarioText the scenario file's text, which each found scenario keeps but for its faults
     * @param nanoTime     the clock the budget is measured on
     */
    public Exploration(
            Scenario scenario,
            String scenarioText,
            ExploreBounds bounds,
            Settings settings,
            TrialRunner runner,
            Path folder,
            PrintStream out,
            LongSupplier nanoTime) {
        // every trial runs proxied, so link faults can be drawn (decision 0240)
        this.scenario = trial(scenario, FaultSchedule.EMPTY);
        this.scenarioText = scenarioText;
        this.settings = settings;
        this.runner = runner;
        this.folder = folder;
        this.out = out;
        this.nanoTime = nanoTime;
        this.targets = FaultTargets.of(this.scenario.stack());
        this.generator = new ScheduleGenerator(targets, scenario.totalDuration(), bounds);
    }

    public ExploreSummary run() {
        started = nanoTime.getAsLong();
        Random seeds = new Random(settings.seed());
        while (trials < settings.trials() && timeLeft().compareTo(Duration.ZERO) > 0) {
            long scheduleSeed = seeds.nextLong();
            FaultSchedule schedule = generator.draw(scheduleSeed);
            trials++;
            schedule.faults().forEach(f -> faultsByKind.merge(f.kind().yaml(), 1, Integer::sum));
            String trialFolder = "trial-" + trials;
            Verdict verdict = judge(schedule, trialFolder);
            if (verdict.isError()) {
                errors++;
            }
            out.println("trial " + trials + " (" + describe(schedule) + "): " + outcome(verdict));
            if (verdict.failed()) {
                shrink(schedule, scheduleSeed, verdict, trialFolder);
            }
            writeSummary();
            out.println(progress());
        }
        return writeSummary();
    }

    private void shrink(FaultSchedule drawn, long scheduleSeed, Verdict verdict, String trialFolder) {
        int n = found.size() + 1;
        out.println("shrinking failure " + n + " (" + String.join(", ", verdict.broken()) + ")");
        String[] report = {trialFolder};
        boolean[] cutShort = {false};
        int[] attempt = {0};
        Shrinker.Result result = new Shrinker(targets, scenario.totalDuration(), settings.shrinkAttempts())
                .shrink(drawn, candidate -> {
                    if (timeLeft().compareTo(Duration.ZERO) <= 0) {
                        cutShort[0] = true;
                        return false;
                    }
                    String attemptFolder = "found-" + n + "/shrink-" + ++attempt[0];
                    boolean fails = judge(candidate, attemptFolder).breaksTheSameAs(verdict);
                    out.println("  shrink " + attempt[0] + " (" + describe(candidate) + "): "
                            + (fails ? "still fails" : "passes"));
                    if (fails) {
                        report[0] = attemptFolder;
                    }
                    return fails;
                });
        String file = "found-" + n + ".yaml";
        List<String> header = List.of(
                "Found by harness explore in " + folder.getFileName() + ": trial " + trials + ", schedule seed "
                        + scheduleSeed + " (exploration seed " + settings.seed() + ").",
                "Broke: " + String.join(", ", verdict.broken()) + ".",
                "Shrunk from " + drawn.faults().size() + " faults in " + result.steps() + " steps ("
                        + result.attempts() + " attempts"
                        + (result.minimal() && !cutShort[0] ? ", a local minimum" : ", cut short") + ").");
        write(
                folder.resolve(file),
                FoundScenario.yaml(scenarioText, scenario.name() + "-found-" + n, result.schedule(), header));
        found.add(new ExploreSummary.Found(
                n,
                file,
                report[0],
                trials,
                scheduleSeed,
                verdict.broken(),
                drawn.faults().size(),
                result.schedule().faults().stream().map(Exploration::line).toList(),
                result.attempts(),
                result.steps(),
                result.minimal() && !cutShort[0]));
        out.println("found-" + n + ": " + describe(result.schedule()));
    }

    private Verdict judge(FaultSchedule schedule, String relativeFolder) {
        Path trialFolder = folder.resolve(relativeFolder);
        try {
            Files.createDirectories(trialFolder);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Verdict.of(runner.run(trial(scenario, schedule), trialFolder));
    }

    /** The scenario with the drawn schedule as its faults, on a proxied stack. */
    static Scenario trial(Scenario scenario, FaultSchedule schedule) {
        return new Scenario(
                scenario.name(),
                scenario.description(),
                scenario.seed(),
                scenario.stack().withLinks(StackShape.PROXIED),
                scenario.population(),
                scenario.online(),
                scenario.phases(),
                scenario.slos(),
                schedule,
                scenario.stackProvider(),
                scenario.webhooks(),
                scenario.push());
    }

    private ExploreSummary writeSummary() {
        ExploreSummary summary = new ExploreSummary(
                folder.getFileName().toString(),
                scenario.name(),
                settings.seed(),
                trials,
                found.size(),
                errors,
                elapsed().toMillis() / 1e3,
                faultsByKind,
                found);
        try {
            new ObjectMapper()
                    .enable(SerializationFeature.INDENT_OUTPUT)
                    .writeValue(folder.resolve("summary.json").toFile(), summary);
            Files.writeString(folder.resolve("summary.html"), SummaryPage.render(summary));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return summary;
    }

    /** The live line: trials run, failures found, time left. */
    String progress() {
        Duration left = timeLeft().isNegative() ? Duration.ZERO : timeLeft();
        return "explore: " + trials + " trials"
                + (settings.trials() == Integer.MAX_VALUE ? "" : " of " + settings.trials())
                + ", " + found.size() + " failures, " + errors + " errors, " + left.toMinutes() + "m"
                + left.toSecondsPart() + "s left";
    }

    private Duration elapsed() {
        return Duration.ofNanos(nanoTime.getAsLong() - started);
    }

    private Duration timeLeft() {
        return settings.budget().minus(elapsed());
    }

    private static String outcome(Verdict verdict) {
        return switch (verdict.outcome()) {
            case "breached" -> "breached " + String.join(", ", verdict.broken());
            case "error" -> "error: " + verdict.error();
            default -> verdict.outcome();
        };
    }

    private static String describe(FaultSchedule schedule) {
        return schedule.faults().stream()
                .map(Exploration::line)
                .reduce((a, b) -> a + "; " + b)
                .orElse("no faults");
    }

    /** A fault on one line: {@code latency latency=200ms on command -> nats at 12s for 5s}. */
    static String line(ScheduledFault f) {
        return f.describe() + " on " + f.target() + " at " + FoundScenario.text(f.at())
                + (f.until() == null ? "" : " for " + FoundScenario.text(f.duration()));
    }

    private static void write(Path file, String text) {
        try {
            Files.writeString(file, text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
