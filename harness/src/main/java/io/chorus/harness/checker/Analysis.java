package io.chorus.harness.checker;

import com.fasterxml.jackson.annotation.JsonValue;
import io.chorus.harness.history.History;
import io.chorus.harness.history.Sample;
import io.chorus.harness.scenario.Slo;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Every checker of a run, and the SLOs judged on what they measured. A run passes when every invariant a checker
 * judged held (whether or not the scenario names it) and every SLO of the scenario passed on its measurement.
 */
public final class Analysis {
    /** The raw JetStream publish rate of the run's own cluster, a {@code Sample} written by the run. */
    public static final String JETSTREAM_RATE = "jetstream.publish_rate";

    public static final String VERSUS_JETSTREAM = "throughput.vs_jetstream";

    /** After a fault window, how long a push backlog may take to drain before push latency counts again. */
    static final Duration PUSH_SETTLE = Duration.ofSeconds(10);

    /**
     * Each checker's result under its own type, so a reader takes the one it needs without a name or a cast. In
     * {@code report.json} it is the {@code checks} object: checker name to result.
     */
    public record Checks(
            LossChecker.Result loss,
            DuplicateChecker.Result duplicates,
            OrderChecker.Result order,
            LatencyChecker.Result latency,
            RateChecker.Result rate,
            ErrorChecker.Result errors,
            CostChecker.Result cost,
            SessionChecker.Result sessions,
            BusyUserChecker.Result busyUsers,
            RecoveryChecker.Result recovery,
            ResumeChecker.Result resume,
            RebuildChecker.Result rebuild,
            SearchIndexChecker.Result search,
            PushChecker.Result push,
            OperationChecker.Result operations,
            ReactionChecker.Result reactions,
            RemovalChecker.Result removal,
            UnreadChecker.Result unread,
            WebhookCheckResult webhooks) {

        /** A run that failed before it could be checked: no results. */
        public static final Checks NONE = new Checks(
                null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null,
                null, null);

        @JsonValue
        public Map<String, CheckResult> byName() {
            Map<String, CheckResult> m = new LinkedHashMap<>();
            put(m, LossChecker.NAME, loss);
            put(m, DuplicateChecker.NAME, duplicates);
            put(m, OrderChecker.NAME, order);
            put(m, LatencyChecker.NAME, latency);
            put(m, RateChecker.NAME, rate);
            put(m, ErrorChecker.NAME, errors);
            put(m, CostChecker.NAME, cost);
            put(m, SessionChecker.NAME, sessions);
            put(m, BusyUserChecker.NAME, busyUsers);
            put(m, RecoveryChecker.NAME, recovery);
            put(m, ResumeChecker.NAME, resume);
            if (rebuild != null && !rebuild.rebuilds().isEmpty()) {
                m.put(RebuildChecker.NAME, rebuild); // only a run with a wipe-and-rebuild fault has one
            }
            put(m, SearchIndexChecker.NAME, search);
            if (push != null && push.invariant().isPresent()) {
                m.put(PushChecker.NAME, push); // only a run with devices has one
            }
            if (operations != null && !operations.operations().isEmpty()) {
                m.put(OperationChecker.NAME, operations); // only a run whose phases have a mix has these
                put(m, ReactionChecker.NAME, reactions);
                put(m, RemovalChecker.NAME, removal);
                put(m, UnreadChecker.NAME, unread);
            }
            put(m, WebhookChecker.NAME, webhooks); // only a run with a webhooks: section has one
            return m;
        }

        /** The invariants the checkers judged, in checker order. */
        public List<Invariant> invariants() {
            return byName().values().stream()
                    .map(CheckResult::invariant)
                    .flatMap(Optional::stream)
                    .toList();
        }

        /** Everything the checkers measured, by metric name in the catalog's order. */
        Map<String, Measurement> measurements() {
            Map<String, Measurement> byName = new HashMap<>();
            byName().values().stream().flatMap(r -> r.measurements().stream()).forEach(m -> byName.put(m.name(), m));
            Map<String, Measurement> ordered = new LinkedHashMap<>();
            Metric.names().stream().filter(byName::containsKey).forEach(name -> ordered.put(name, byName.get(name)));
            return ordered;
        }

        private static void put(Map<String, CheckResult> m, String name, CheckResult result) {
            if (result != null) {
                m.put(name, result);
            }
        }
    }

    /**
     * @param measurements by metric name: the checkers' and the run-wide figures (throughput, JetStream baseline)
     */
    public record Result(
            Checks checks,
            Map<String, Measurement> measurements,
            List<SloVerdict> slos,
            ThroughputSearch.Result throughput) {
        /** True when every invariant held and every SLO passed: the run's verdict and its exit code. */
        public boolean passed() {
            return invariants().stream().allMatch(Invariant::holds)
                    && slos.stream().allMatch(SloVerdict::passed);
        }

        public List<Invariant> invariants() {
            return checks.invariants();
        }

        /** As {@code report.json}'s {@code metrics}: metric name to value. */
        public Map<String, Double> metrics() {
            Map<String, Double> m = new LinkedHashMap<>();
            measurements.forEach((name, x) -> m.put(name, x.value()));
            return m;
        }
    }

    private final Roster roster;
    private final StoreListing store;
    private final StoreListing search;
    private final List<Slo> slos;
    private final Set<String> warmupPhases;
    private WebhookCheckResult webhooks;

    public Analysis(Roster roster, StoreListing store, List<Slo> slos) {
        this(roster, store, slos, Set.of());
    }

    /** @param warmupPhases phases whose sends the latency figures leave out (the invariants count every send) */
    public Analysis(Roster roster, StoreListing store, List<Slo> slos, Set<String> warmupPhases) {
        this(roster, store, null, slos, warmupPhases);
    }

    /** @param search what the search index holds of the run's channels; null: not listed, not checked */
    public Analysis(Roster roster, StoreListing store, StoreListing search, List<Slo> slos, Set<String> warmupPhases) {
        this.roster = roster;
        this.store = store;
        this.search = search;
        this.slos = List.copyOf(slos);
        this.warmupPhases = Set.copyOf(warmupPhases);
    }

    /**
     * Adds the webhook checker's verdict, judged by the run against its receiver fleet (null: the run had none); its
     * invariant counts toward the run's verdict and its figures are metrics an SLO may name.
     */
    public Analysis withWebhooks(WebhookCheckResult result) {
        this.webhooks = result;
        return this;
    }

    public Result analyse(History history) {
        Checks checks = checks(history);
        Map<String, Measurement> measured = checks.measurements();
        ThroughputSearch.Result searched =
                new ThroughputSearch(slos, h -> checks(h).measurements(), warmupPhases).search(history);
        Optional<Double> baseline = baseline(history);
        ThroughputSearch.Result throughput =
                baseline.map(searched::withBaseline).orElse(searched);
        if (throughput.highestHeld() != null) {
            put(measured, ThroughputSearch.METRIC, throughput.highestHeld());
        }
        if (throughput.knee() != null) {
            put(measured, ThroughputSearch.KNEE, throughput.knee());
        }
        baseline.ifPresent(rate -> put(measured, JETSTREAM_RATE, rate));
        if (throughput.vsJetstream() != null) {
            put(measured, VERSUS_JETSTREAM, throughput.vsJetstream());
        }
        return new Result(checks, measured, SloVerdict.judge(slos, measured), throughput);
    }

    private static void put(Map<String, Measurement> measured, String metric, double value) {
        measured.put(metric, Measurement.of(metric, value));
    }

    private static Optional<Double> baseline(History history) {
        return history.of(Sample.class)
                .filter(s -> s.metric().equals(JETSTREAM_RATE))
                .map(Sample::value)
                .filter(v -> v > 0)
                .reduce((a, b) -> b);
    }

    private Checks checks(History history) {
        return new Checks(
                new LossChecker(roster, store).check(history),
                new DuplicateChecker().check(history),
                new OrderChecker().check(history),
                new LatencyChecker(warmupPhases).check(history),
                new RateChecker().check(history),
                new ErrorChecker().check(history),
                new CostChecker().check(history),
                new SessionChecker().check(history),
                new BusyUserChecker(roster, warmupPhases).check(history),
                new RecoveryChecker().check(history),
                new ResumeChecker(roster).check(history),
                new RebuildChecker().check(history),
                search == null ? null : new SearchIndexChecker(store, search).check(history),
                new PushChecker(PUSH_SETTLE, warmupPhases).check(history),
                new OperationChecker(warmupPhases).check(history),
                new ReactionChecker().check(history),
                new RemovalChecker().check(history),
                new UnreadChecker().check(history),
                webhooks);
    }
}
