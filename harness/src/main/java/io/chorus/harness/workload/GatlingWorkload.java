package io.chorus.harness.workload;

import io.chorus.harness.client.ChorusClient;
import io.chorus.harness.client.RateLimitWait;
import io.chorus.harness.history.HistoryWriter;
import io.chorus.harness.history.PhaseWindow;
import io.chorus.harness.history.RunClock;
import io.chorus.harness.population.PopulationPlan;
import io.chorus.harness.population.Seeder;
import io.chorus.harness.scenario.Phase;
import io.chorus.harness.stack.StackDescription;
import io.chorus.harness.workload.gatling.GatlingPhases;
import io.chorus.harness.workload.gatling.InProcessGatling;
import io.chorus.harness.workload.gatling.PhaseRun;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The REST workload through Gatling (Java DSL), launched in this JVM: one Gatling run per phase, one virtual user
 * per arrival, open injection per step. The history is written by session hooks around each request (see
 * {@link SendRecorder}); Gatling's own reports go to {@code gatling/} in the run folder and are written when the
 * workload closes, so that no phase waits for the previous phase's report. Decision 0037.
 */
public final class GatlingWorkload implements Workload {
    public static final Duration DEFAULT_REQUEST_TIMEOUT = Duration.ofSeconds(10);
    static final String REPORT_FOLDER = "gatling";

    private final Duration requestTimeout;
    private final boolean throughGateway;
    private final List<InProcessGatling.Finished> finished = new ArrayList<>();
    private Path reportFolder;
    private StackDescription stack;
    private PopulationPlan population;
    private Seeder.Seeded users;
    private HistoryWriter history;
    private RunClock clock;
    private InProcessGatling gatling;
    private int phases;
    private boolean closed;

    public GatlingWorkload() {
        this(DEFAULT_REQUEST_TIMEOUT);
    }

    /** @param requestTimeout how long a send may go unanswered before it is recorded as {@code info} */
    public GatlingWorkload(Duration requestTimeout) {
        this(requestTimeout, false);
    }

    /**
     * @param throughGateway whether sends go through the stack's gateway when it has one (a scenario run); else to the
     *                       first command instance directly (what tests of the workload itself do)
     */
    public GatlingWorkload(Duration requestTimeout, boolean throughGateway) {
        this.requestTimeout = requestTimeout;
        this.throughGateway = throughGateway;
    }

    /** A scenario run's workload: through the stack's gateway when it has one (decision 0220). */
    public static GatlingWorkload throughGateway() {
        return new GatlingWorkload(DEFAULT_REQUEST_TIMEOUT, true);
    }

    @Override
    public void reportInto(Path runFolder) {
        this.reportFolder = runFolder.resolve(REPORT_FOLDER).toAbsolutePath();
    }

    @Override
    public Map<String, String> artifacts() {
        return reportFolder != null && Files.isRegularFile(reportFolder.resolve("index.html"))
                ? Map.of("gatling", REPORT_FOLDER + "/index.html")
                : Map.of();
    }

    @Override
    public void open(
            StackDescription stack,
            PopulationPlan population,
            Seeder.Seeded users,
            HistoryWriter history,
            RunClock clock) {
        this.stack = stack;
        this.population = population;
        this.users = users;
        this.history = history;
        this.clock = clock;
        requireReachable(stack);
        try {
            Path folder = reportFolder != null ? reportFolder : Files.createTempDirectory("chorus-gatling");
            this.reportFolder = folder;
            this.gatling = new InProcessGatling(folder, requestTimeout);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The seed of the arrivals of the scenario's phase {@code number} (from 0): the simulation draws the same
     * channels from it.
     */
    public static long feederSeed(PopulationPlan population, int number) {
        return population.seed() * 31 + number;
    }

    @Override
    public void run(Phase phase, LiveCounters live) {
        if (gatling == null || closed) {
            throw new IllegalStateException("the workload is not open");
        }
        int number = phases++;
        // unique per run and phase: a later run on the same stack is never taken for a retry of this one's sends
        String idPrefix = Long.toString(clock.startMicros(), 36) + "-" + number;
        ArrivalFeeder feeder = new ArrivalFeeder(population, phase, idPrefix, feederSeed(population, number));
        PhaseRun run = new PhaseRun(
                phase.name(),
                throughGateway
                        ? stack.commandEntry()
                        : stack.services().command().url(),
                requestTimeout,
                feeder,
                users,
                clock,
                new SendRecorder(history, clock, live, phase.name()));
        finished.add(GatlingPhases.run(gatling, run));
        if (run.startMicros() < 0) {
            throw new IllegalStateException("Gatling ended phase " + phase.name() + " without starting it");
        }
        List<ArrivalSchedule> schedules = feeder.schedules(run.startMicros());
        for (int step = 0; step < schedules.size(); step++) {
            ArrivalSchedule s = schedules.get(step);
            history.append(new PhaseWindow(phase.name(), step, s.step().rate(), s.startMicros(), s.endMicros()));
        }
        history.flush();
    }

    /** Writes Gatling's report of every phase run, and {@code gatling/index.html} linking them. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (gatling == null || finished.isEmpty()) {
            return;
        }
        StringBuilder index = new StringBuilder("<!doctype html><meta charset=\"utf-8\"><title>Gatling reports</title>"
                + "<h1>Gatling reports, one per phase</h1><ul>");
        for (InProcessGatling.Finished run : finished) {
            String phase = run.description().replace("<", "&lt;");
            try {
                Path page = gatling.report(run);
                index.append("<li><a href=\"")
                        .append(reportFolder.relativize(page))
                        .append("\">")
                        .append(phase)
                        .append("</a></li>");
            } catch (RuntimeException e) {
                // Gatling's report is a view: failing to draw it must not fail a run whose history is written
                System.err.println("Gatling's report of phase " + run.description() + " failed: " + e);
                index.append("<li>")
                        .append(phase)
                        .append(": the report failed: ")
                        .append(String.valueOf(e.getMessage()).replace("<", "&lt;"))
                        .append("</li>");
            }
        }
        try {
            Files.writeString(
                    reportFolder.resolve("index.html"), index.append("</ul>\n").toString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Fails fast, before any phase, when the command API does not answer at all (any HTTP status will do). */
    private static void requireReachable(StackDescription stack) {
        try {
            ChorusClient.of(stack)
                    .withRateLimitWait(RateLimitWait.NONE)
                    .withTimeout(Duration.ofSeconds(5))
                    .raw(ChorusClient.Service.COMMAND, "GET", "/", null, null);
        } catch (UncheckedIOException e) {
            throw new IllegalStateException(
                    "the command API at " + stack.services().command().url() + " does not answer: " + e.getCause(), e);
        }
    }
}
