package io.chorus.harness.checker;

import io.chorus.harness.history.History;
import io.chorus.harness.scenario.MixOperation;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.HdrHistogram.Histogram;

/**
 * The latency of each operation of the phases' mix (decision 0255): from its intended time to its answer, for the
 * answered-ok operations outside warm-up phases, as {@code op.<name>.p50} ... {@code op.<name>.max}; and how many of
 * each were made ({@code op.<name>.count}) and refused or unanswered ({@code op.<name>.failed}). Measures only: the
 * invariants the operations must keep are the reactions, removal and unread checkers'.
 */
public final class OperationChecker implements Checker<OperationChecker.Result> {
    public static final String NAME = "operations";
    private final Set<String> warmupPhases;

    public OperationChecker(Set<String> warmupPhases) {
        this.warmupPhases = Set.copyOf(warmupPhases);
    }

    /** Per operation name: its latency, count and failures; only operations the history holds. */
    public record Result(Map<String, PerOperation> operations, long churned) implements CheckResult {
        @Override
        public List<Measurement> measurements() {
            List<Measurement> m = new ArrayList<>();
            operations.forEach((op, p) -> {
                m.addAll(p.latency().measurements("op." + op));
                m.add(Measurement.of("op." + op + ".count", p.count()));
                m.add(Measurement.of("op." + op + ".failed", p.failed()));
            });
            if (churned > 0) {
                m.add(Measurement.of("op.churn.count", churned));
            }
            return m;
        }
    }

    public record PerOperation(long count, long failed, LatencySummary latency) {}

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Result check(History history) {
        Operations operations = new Operations(history);
        Map<String, PerOperation> byName = new LinkedHashMap<>();
        for (String op : MixOperation.recorded()) {
            List<Operations.Done> done = operations.of(op);
            if (done.isEmpty()) {
                continue;
            }
            Histogram latency = LatencySummary.histogram();
            long failed = 0;
            for (Operations.Done d : done) {
                if (!d.succeeded()) {
                    failed++;
                } else if (!warmupPhases.contains(d.invoke().phase())) {
                    latency.recordValue(Math.max(0, d.ok().time() - d.invoke().intended()));
                }
            }
            byName.put(op, new PerOperation(done.size(), failed, LatencySummary.of(latency)));
        }
        return new Result(byName, operations.of("churn").size());
    }
}
