package io.chorus.harness.run;

import io.chorus.common.nats.JetStreamLayout;
import io.chorus.harness.bench.JetStreamBaseline;
import io.chorus.harness.checker.Analysis;
import io.chorus.harness.checker.RebuildChecker;
import io.chorus.harness.checker.Roster;
import io.chorus.harness.checker.StoreListing;
import io.chorus.harness.client.ChorusClient;
import io.chorus.harness.client.RateLimitWait;
import io.chorus.harness.history.History;
import io.chorus.harness.history.HistoryWriter;
import io.chorus.harness.history.RunClock;
import io.chorus.harness.history.Sample;
import io.chorus.harness.history.SendInvoke;
import io.chorus.harness.nemesis.FaultTimeline;
import io.chorus.harness.nemesis.Nemesis;
import io.chorus.harness.nemesis.StackNemesis;
import io.chorus.harness.population.PopulationPlan;
import io.chorus.harness.population.Seeder;
import io.chorus.harness.push.PushPopulation;
import io.chorus.harness.push.PushRun;
import io.chorus.harness.report.Environment;
import io.chorus.harness.report.ReportWriter;
import io.chorus.harness.report.Reports;
import io.chorus.harness.report.RunReport;
import io.chorus.harness.scenario.Phase;
import io.chorus.harness.scenario.Scenario;
import io.chorus.harness.stack.LocalStack;
import io.chorus.harness.stack.Stack;
import io.chorus.harness.stack.StackDescription;
import io.chorus.harness.stack.StopOnExit;
import io.chorus.harness.workload.ConsumerLagProbe;
import io.chorus.harness.workload.GatlingWorkload;
import io.chorus.harness.workload.LiveCounters;
import io.chorus.harness.workload.MixState;
import io.chorus.harness.workload.MixVerification;
import io.chorus.harness.workload.OnlineFleet;
import io.chorus.harness.workload.OnlinePlacement;
import io.chorus.harness.workload.OperationMix;
import io.chorus.harness.workload.ProcessCostProbe;
import io.chorus.harness.workload.ProgressLine;
import io.chorus.harness.workload.SearchIndexCollector;
import io.chorus.harness.workload.Workload;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * One run of a scenario, as Jepsen's {@code run!}: stack up, seed, connect the online users, run the phases, drain,
 * list the store, check, report, stack down (always, even when a step failed). The outcome is the report's: 0
 * passed, 1 an SLO or invariant breached, 2 the run itself failed.
 */
public final class ScenarioRun {
    private final Scenario scenario;
    private final String scenarioFile;
    private final Stack stack;
    private final String stackKind;
    private final Drivers drivers;
    private final Path folder;
    private final PrintStream out;
    private final Function<StackDescription, Nemesis> nemeses;
    private static final long BASELINE_MESSAGES = 50_000;
    /** After the last push send: how long the fakes must stay quiet, and the most to wait for that. */
    private static final Duration PUSH_QUIET = Duration.ofSeconds(5);

    private static final Duration PUSH_DRAIN = Duration.ofSeconds(90);
    /** How long the run waits for a quiet harness before its first phase (a fleet of 5,000 settles in seconds). */
    private static final Duration SETTLE_MAX = Duration.ofSeconds(30);

    public ScenarioRun(
            Scenario scenario,
            String scenarioFile,
            Stack stack,
            String stackKind,
            Drivers drivers,
            Path folder,
            PrintStream out) {
        this(scenario, scenarioFile, stack, stackKind, drivers, folder, out, null);
    }

    /** @param nemeses makes the nemesis of the stack when the scenario has faults (null: the stack's own nemesis) */
    public ScenarioRun(
            Scenario scenario,
            String scenarioFile,
            Stack stack,
            String stackKind,
            Drivers drivers,
            Path folder,
            PrintStream out,
            Function<StackDescription, Nemesis> nemeses) {
        this.nemeses = nemeses;
        this.scenario = scenario;
        this.scenarioFile = scenarioFile;
        this.stack = stack;
        this.stackKind = stackKind;
        this.drivers = drivers;
        this.folder = folder;
        this.out = out;
    }

    public RunReport execute() {
        Instant started = Instant.now();
        Environment environment = Environment.here(stackKind, scenario.stack(), Environment.pinnedEngines());
        Map<String, String> artifacts =
                new LinkedHashMap<>(Map.of("history", History.FILE, "junit", "junit.xml", "html", "report.html"));
        List<String> missing = drivers.missing();
        if (!missing.isEmpty()) {
            return write(Reports.failed(
                    scenario,
                    scenarioFile,
                    runId(),
                    environment,
                    started,
                    "this build cannot drive the stack yet; missing: " + String.join("; ", missing),
                    artifacts));
        }
        try {
            StackDescription description = stack.up();
            // Ctrl-C or a SIGTERM mid-run brings the stack down too, by PID as always
            try (StopOnExit guard = StopOnExit.guard("stack-down-on-exit", stack::down)) {
                RunReport report = drive(description, environment, artifacts);
                return write(report);
            } finally {
                stack.down();
            }
        } catch (RuntimeException e) {
            return write(Reports.failed(
                    scenario,
                    scenarioFile,
                    runId(),
                    environment,
                    started,
                    e.getClass().getSimpleName() + ": " + e.getMessage(),
                    artifacts));
        }
    }

    private RunReport drive(StackDescription description, Environment environment, Map<String, String> artifacts) {
        RunClock clock = new RunClock();
        PopulationPlan plan = new PopulationPlan(scenario.population(), scenario.seed());
        out.println("seeding " + scenario.population().users() + " users");
        Seeder.Seeded users = drivers.seeder().seed(plan, description);
        // the receivers stay up until the store is listed: the webhook checker orders the events as stored
        try (WebhookRun webhooks = WebhookRun.prepare(scenario.webhooks(), description, plan, users, clock, out)) {
            return drive(description, environment, artifacts, clock, plan, users, webhooks);
        }
    }

    /** @param webhooks the run's webhook fleet and integrations; null without a webhooks: section */
    private RunReport drive(
            StackDescription description,
            Environment environment,
            Map<String, String> artifacts,
            RunClock clock,
            PopulationPlan plan,
            Seeder.Seeded users,
            WebhookRun webhooks) {
        PushPopulation phones = scenario.push() == null ? null : PushPopulation.of(plan, scenario.push());
        List<String> drawn =
                plan.onlineUsers(scenario.online().users(), scenario.online().membersOf());
        List<String> online = phones == null ? drawn : phones.online(drawn);
        Map<String, Integer> placement = OnlinePlacement.place(
                online, scenario.online(), scenario.stack().notificationInstances(), scenario.seed());
        LiveCounters live = new LiveCounters();
        Path historyFile = folder.resolve(History.FILE);
        try (HistoryWriter history = new HistoryWriter(historyFile);
                OnlineFleet fleet = drivers.fleet().get();
                Workload workload = drivers.workload().get();
                PushRun push = push(phones, description, users, history, clock)) {
            fleet.connect(description, placement, users, history, clock, live);
            workload.reportInto(folder);
            workload.open(description, plan, users, history, clock);
            MixRun mix = mixRun(description, plan, online, users, fleet, history, clock);
            sampleCosts(description, history, clock);
            try (ProcessCostProbe processes = sampleProcesses(description, history, clock); // null: no sampling
                    ConsumerLagProbe lag = sampleLag(description, history, clock)) {
                settle(processes);
                Function<StackDescription, Nemesis> nemesis = webhooks == null
                        ? nemesis(clock, history, push)
                        : webhooks.nemesis(nemesis(clock, history, push), scenario.faults());
                try (FaultTimeline faults =
                        FaultTimeline.start(scenario.faults(), description, nemesis, history, out, live.firstSend())) {
                    if (webhooks != null) {
                        webhooks.startPosts(history, live);
                    }
                    if (push != null) {
                        // with the load's first send, as the fault clock: Gatling's start-up is no push traffic's
                        live.firstSend().thenRun(() -> push.startTraffic(live));
                    }
                    try {
                        runPhases(workload, live, mix);
                    } finally {
                        if (webhooks != null) {
                            webhooks.stopPosts();
                        }
                    }
                    if (push != null) {
                        push.stopAndDrain(PUSH_QUIET, PUSH_DRAIN);
                    }
                }
                fleet.drain(Duration.ofSeconds(2), Duration.ofSeconds(30));
                if (mix != null) {
                    new MixVerification(mix.client(), mix.state(), history, clock, out).verify(description);
                }
            }
            // before the fleet closes: a sample after the closes would make them look like mid-run disconnects
            sampleCosts(description, history, clock);
            fleet.close();
            history.flush();
            workload.close();
            artifacts.putAll(workload.artifacts());
            measureBaseline(description, history, clock, artifacts);
        }
        History history = History.read(historyFile);
        out.println("listing the store");
        Map<String, String> readers = readers(history);
        StoreListing store = drivers.store().collect(description, readers, users);
        StoreListing search = searchListing(description, readers);
        Roster roster = plan.roster(online);
        Analysis.Result analysis = new Analysis(roster, store, search, scenario.slos(), warmupPhases())
                .withWebhooks(webhooks == null ? null : webhooks.drainAndCheck(history, store, out))
                .analyse(history);
        return Reports.of(scenario, scenarioFile, runId(), environment, history, analysis, artifacts);
    }

    /**
     * With faults on a stack whose NATS monitoring the harness can reach: the consumers' lag once a second until the
     * fleet has drained, for {@code recovery.lag_drain} (decision 0054). Without faults, nothing.
     */
    private ConsumerLagProbe sampleLag(StackDescription description, HistoryWriter history, RunClock clock) {
        if (scenario.faults().isEmpty()
                || drivers.costs() == null
                || description.nats().monitor().isEmpty()) {
            return null;
        }
        return ConsumerLagProbe.start(description, history, clock);
    }

    /**
     * Before the first phase, until this JVM is quiet (at most {@link #SETTLE_MAX}): the quiet seconds sampled then
     * are the stack's idle with the fleet connected, a calibration's baseline (decision 0293).
     */
    private void settle(ProcessCostProbe processes) {
        if (processes == null) {
            return;
        }
        long started = System.nanoTime();
        try {
            boolean quiet = processes.awaitQuiet(SETTLE_MAX);
            out.printf(
                    quiet
                            ? "idle baseline: the harness quiet after %.1f s%n"
                            : "idle baseline: not quiet within %.0f s%n",
                    quiet ? (System.nanoTime() - started) / 1e9 : SETTLE_MAX.toSeconds());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** With the cost probe: every process's CPU time and memory once a second until the fleet has drained. */
    private ProcessCostProbe sampleProcesses(StackDescription description, HistoryWriter history, RunClock clock) {
        return drivers.costs() == null ? null : ProcessCostProbe.start(description, history, clock);
    }

    /** What the phases' mixes of operations share over the run (decision 0255); null when no phase has a mix. */
    private record MixRun(
            MixState state, ChorusClient client, OnlineFleet fleet, HistoryWriter history, RunClock clock) {
        OperationMix start(Phase phase) {
            return phase.mix().isEmpty() ? null : OperationMix.start(phase, state, client, fleet, history, clock);
        }
    }

    private MixRun mixRun(
            StackDescription description,
            PopulationPlan plan,
            List<String> online,
            Seeder.Seeded users,
            OnlineFleet fleet,
            HistoryWriter history,
            RunClock clock) {
        if (scenario.phases().stream().allMatch(p -> p.mix().isEmpty())) {
            return null;
        }
        ChorusClient client = ChorusClient.of(description)
                .withRateLimitWait(RateLimitWait.NONE)
                .withTimeout(GatlingWorkload.DEFAULT_REQUEST_TIMEOUT);
        return new MixRun(
                new MixState(plan, users, plan.roster(online).channelsByUser()), client, fleet, history, clock);
    }

    private void runPhases(Workload workload, LiveCounters live, MixRun mix) {
        Duration total = scenario.totalDuration();
        long start = System.nanoTime();
        ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "progress");
            t.setDaemon(true);
            return t;
        });
        String[] current = {""};
        ticker.scheduleAtFixedRate(
                () -> out.print("\r"
                        + ProgressLine.render(
                                current[0], Duration.ofNanos(System.nanoTime() - start), total, live.snapshot())),
                1,
                1,
                TimeUnit.SECONDS);
        try {
            for (Phase phase : scenario.phases()) {
                current[0] = phase.name();
                try (OperationMix operations = mix == null ? null : mix.start(phase)) {
                    workload.run(phase, live);
                }
            }
        } finally {
            ticker.shutdownNow();
            out.println();
        }
    }

    /**
     * With a {@code push:} section: the fake providers started and recording, the push pool pointed at them, the
     * devices registered (null without one).
     */
    private PushRun push(
            PushPopulation phones,
            StackDescription description,
            Seeder.Seeded users,
            HistoryWriter history,
            RunClock clock) {
        if (phones == null) {
            return null;
        }
        LocalStack local = stack.local()
                .orElseThrow(() -> new IllegalStateException(
                        "a scenario with push needs a stack the harness runs (--stack local): it points the push"
                                + " pool at its fake providers"));
        return PushRun.start(scenario.push(), phones, local, description, users, history, clock, out);
    }

    /** The stack's nemesis (with the fake providers' faults when the run has push). */
    private Function<StackDescription, Nemesis> nemesis(RunClock clock, HistoryWriter history, PushRun push) {
        Function<StackDescription, Nemesis> base = nemesis(clock, history);
        return push == null ? base : d -> push.nemesis(base.apply(d));
    }

    /** The stack's nemesis, recording the rate of each store rebuild it runs as a sample of the history. */
    private Function<StackDescription, Nemesis> nemesis(RunClock clock, HistoryWriter history) {
        return nemeses != null
                ? nemeses
                : d -> StackNemesis.attach(d, clock, out)
                        .onRebuilt(r -> history.append(new Sample(
                                RebuildChecker.SAMPLE,
                                "rebuild " + r.store(),
                                r.eventsPerSecond(),
                                clock.nowMicros())));
    }

    /** A scenario that wipes the search index has it listed after the run, to prove the rebuild restored it. */
    private StoreListing searchListing(StackDescription description, Map<String, String> readers) {
        boolean wipesSearch = scenario.faults().faults().stream()
                .anyMatch(f -> f.kind().isStoreFault() && f.target().equals("elasticsearch"));
        if (!wipesSearch) {
            return null;
        }
        out.println("listing the search index");
        return new SearchIndexCollector().collect(description, List.copyOf(readers.keySet()));
    }

    /**
     * For a ramp: the raw JetStream publish rate of this very cluster, after the load (so it competes with nothing
     * of the run's), with the streams' replicas and the largest message size of the phases. A failure costs the
     * ratio, not the run: the report then says the baseline has no data.
     */
    private void measureBaseline(
            StackDescription description, HistoryWriter history, RunClock clock, Map<String, String> artifacts) {
        boolean ramp = scenario.phases().stream().anyMatch(p -> p.steps().size() > 1);
        if (!ramp || drivers.baseline() == null) {
            return;
        }
        out.println("measuring the JetStream baseline (nats bench)");
        int replicas = JetStreamLayout.replicasFor(scenario.stack().natsNodes()); // as the backend's streams
        int size = scenario.phases().stream()
                .mapToInt(p -> p.messageSize().max())
                .max()
                .orElse(128);
        try {
            JetStreamBaseline.Result r = drivers.baseline()
                    .apply(folder)
                    .measure(description.nats().urls(), replicas, size, BASELINE_MESSAGES);
            history.append(new Sample(
                    Analysis.JETSTREAM_RATE, "nats " + r.command(), r.messagesPerSecond(), clock.nowMicros()));
            artifacts.put("nats-bench", "nats-bench.csv");
        } catch (RuntimeException e) {
            out.println("harness: no JetStream baseline: " + e.getMessage());
        }
    }

    private java.util.Set<String> warmupPhases() {
        return scenario.phases().stream()
                .filter(Phase::warmup)
                .map(Phase::name)
                .collect(java.util.stream.Collectors.toSet());
    }

    private void sampleCosts(StackDescription description, HistoryWriter history, RunClock clock) {
        if (drivers.costs() != null) {
            drivers.costs().sample(description, history, clock);
        }
    }

    /**
     * The channels the run sent to, each with a member who may list it (a sender). A channel nobody sent to can
     * hold no message of this run, so listing it would only cost time (a scenario may have 100K channels).
     */
    private static Map<String, String> readers(History history) {
        Map<String, String> readers = new LinkedHashMap<>();
        history.of(SendInvoke.class)
                .filter(i -> !WebhookRun.isIntegration(i.sender())) // a hook or bot reads with no user's token
                .forEach(i -> readers.putIfAbsent(i.channel(), i.sender()));
        return readers;
    }

    private RunReport write(RunReport report) {
        new ReportWriter().write(report, folder);
        return report;
    }

    private String runId() {
        return folder.getFileName().toString();
    }
}
