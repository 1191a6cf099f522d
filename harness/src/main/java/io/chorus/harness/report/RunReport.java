package io.chorus.harness.report;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import io.chorus.harness.checker.Analysis;
import io.chorus.harness.checker.Invariant;
import io.chorus.harness.checker.LatencyChecker;
import io.chorus.harness.checker.ProcessCosts;
import io.chorus.harness.checker.RateChecker;
import io.chorus.harness.checker.SloVerdict;
import io.chorus.harness.checker.ThroughputSearch;
import java.util.List;
import java.util.Map;

/**
 * The content of {@code report.json}: the versioned, documented schema of {@code docs/report-schema.md}. A
 * change that removes or redefines a field raises {@link #SCHEMA_VERSION}; adding a field does not.
 *
 * @param outcome {@code passed} (exit 0), {@code breached} (exit 1) or {@code error} (exit 2)
 * @param invariants written as name to whether it held
 * @param checks written as checker name to result
 * @param costs what the run's processes cost per message (null when the run took no process samples)
 */
public record RunReport(
        int schemaVersion,
        ScenarioInfo scenario,
        RunInfo run,
        String outcome,
        String error,
        Environment environment,
        List<Window> phases,
        List<Window> faults,
        Map<String, Double> metrics,
        List<SloVerdict> slos,

        @JsonSerialize(converter = Invariant.HeldByName.class)
        List<Invariant> invariants,

        Analysis.Checks checks,
        ThroughputSearch.Result throughput,
        Series series,

        @JsonInclude(JsonInclude.Include.NON_NULL) ProcessCosts.Result costs,

        Map<String, String> artifacts) {

    public static final int SCHEMA_VERSION = 1;
    public static final String PASSED = "passed";
    public static final String BREACHED = "breached";
    public static final String ERROR = "error";

    public record ScenarioInfo(String name, String description, String file, long seed) {}

    /** Times are ISO-8601 instants; {@code durationSeconds} is the measured span of the history. */
    public record RunInfo(String id, String startedAt, String endedAt, double durationSeconds) {}

    /** A phase step or a fault, in seconds since the start of the history. */
    public record Window(String name, String detail, double start, double end) {}

    public record Series(List<LatencyChecker.Point> latency, List<RateChecker.Point> throughput) {
        public static final Series EMPTY = new Series(List.of(), List.of());
    }

    public int exitCode() {
        return switch (outcome) {
            case PASSED -> 0;
            case BREACHED -> 1;
            default -> 2;
        };
    }
}
