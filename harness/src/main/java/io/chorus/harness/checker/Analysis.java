package io.chorus.harness.checker;

import io.chorus.harness.history.History;
import io.chorus.harness.scenario.Slo;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Every checker of a run, and the SLOs judged on what they measured. The invariants (loss, duplicates, order, resume) gate
 * a run whether or not the scenario names them in an SLO; everything else is judged by the scenario's SLOs.
 */
public final class Analysis {
    public static final List<String> INVARIANTS = List.of("loss", "duplicates", "order", "resume");
    /** The raw JetStream publish rate of the run's own cluster, a {@code Sample} written by the run. */
    public static final String JETSTREAM_RATE = "jetstream.publish_rate";
    public static final String VERSUS_JETSTREAM = "throughput.vs_jetstream";

    public record Result(Map<String, CheckResult> checks, Map<String, Double> metrics, List<SloVerdict> slos,
            ThroughputSearch.Result throughput) {
        /** True when every invariant held and every SLO passed. */
        public boolean passed() {
            return INVARIANTS.stream().allMatch(name -> checks.get(name).valid())
                    && slos.stream().allMatch(SloVerdict::passed);
        }

        public LatencyChecker.Result latency() {
            return (LatencyChecker.Result) checks.get("latency");
        }

        public RateChecker.Result rate() {
            return (RateChecker.Result) checks.get("rate");
        }
    }

    private final Roster roster;
    private final StoreListing store;
    private final StoreListing search;
    private final List<Slo> slos;
    private final java.util.Set<String> warmupPhases;

    public Analysis(Roster roster, StoreListing store, List<Slo> slos) {
        this(roster, store, slos, java.util.Set.of());
    }

    /** @param warmupPhases phases whose sends the latency figures leave out (the invariants count every send) */
    public Analysis(Roster roster, StoreListing store, List<Slo> slos, java.util.Set<String> warmupPhases) {
        this(roster, store, null, slos, warmupPhases);
    }

    /** @param search what the search index holds of the run's channels; null: not listed, not checked */
    public Analysis(Roster roster, StoreListing store, StoreListing search, List<Slo> slos,
            java.util.Set<String> warmupPhases) {
        this.roster = roster;
        this.store = store;
        this.search = search;
        this.slos = List.copyOf(slos);
        this.warmupPhases = java.util.Set.copyOf(warmupPhases);
    }

    public Result analyse(History history) {
        Map<String, CheckResult> checks = checks(history);
        Map<String, Double> metrics = metrics(checks);
        ThroughputSearch.Result throughput =
                new ThroughputSearch(slos, h -> metrics(checks(h)), warmupPhases).search(history);
        if (throughput.highestHeld() != null) {
            metrics.put(ThroughputSearch.METRIC, throughput.highestHeld());
        }
        baseline(history).ifPresent(rate -> {
            metrics.put(JETSTREAM_RATE, rate);
            if (throughput.highestHeld() != null) {
                metrics.put(VERSUS_JETSTREAM, throughput.highestHeld() / rate);
            }
        });
        List<SloVerdict> verdicts = slos.stream().map(s -> SloVerdict.judge(s, metrics.get(s.metric()))).toList();
        return new Result(checks, metrics, verdicts, throughput);
    }

    private static java.util.Optional<Double> baseline(History history) {
        return history.of(io.chorus.harness.history.Sample.class).filter(s -> s.metric().equals(JETSTREAM_RATE))
                .map(io.chorus.harness.history.Sample::value).filter(v -> v > 0).reduce((a, b) -> b);
    }

    private Map<String, CheckResult> checks(History history) {
        List<Checker<?>> checkers = new java.util.ArrayList<>(List.of(new LossChecker(roster, store),
                new DuplicateChecker(), new OrderChecker(), new LatencyChecker(warmupPhases), new RateChecker(),
                new ErrorChecker(), new CostChecker(), new SessionChecker(), new BusyUserChecker(roster, warmupPhases),
                new RecoveryChecker(), new ResumeChecker(roster), new RebuildChecker()));
        if (search != null) {
            checkers.add(new SearchIndexChecker(store, search));
        }
        Map<String, CheckResult> results = new LinkedHashMap<>();
        for (Checker<?> checker : checkers) {
            results.put(checker.name(), checker.check(history));
        }
        return results;
    }

    private static Map<String, Double> metrics(Map<String, CheckResult> checks) {
        Map<String, Double> metrics = new LinkedHashMap<>();
        for (String name : Metric.names()) {
            for (CheckResult r : checks.values()) {
                Double value = r.metrics().get(name);
                if (value != null) {
                    metrics.put(name, value);
                }
            }
        }
        return metrics;
    }
}
