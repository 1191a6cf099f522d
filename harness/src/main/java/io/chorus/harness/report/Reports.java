package io.chorus.harness.report;

import io.chorus.harness.checker.Analysis;
import io.chorus.harness.checker.ProcessCosts;
import io.chorus.harness.history.FaultWindow;
import io.chorus.harness.history.History;
import io.chorus.harness.history.PhaseWindow;
import io.chorus.harness.report.RunReport.RunInfo;
import io.chorus.harness.report.RunReport.ScenarioInfo;
import io.chorus.harness.report.RunReport.Series;
import io.chorus.harness.report.RunReport.Window;
import io.chorus.harness.scenario.Scenario;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** Builds a {@link RunReport} from a finished run's analysis, or from a run that failed before it had one. */
public final class Reports {
    private Reports() {}

    public static RunReport of(
            Scenario scenario,
            String scenarioFile,
            String runId,
            Environment environment,
            History history,
            Analysis.Result analysis,
            Map<String, String> artifacts) {
        long[] span = history.span();
        List<Window> phases = history.of(PhaseWindow.class)
                .map(w -> new Window(
                        w.phase() + (w.step() > 0 || isRamp(history, w) ? "#" + w.step() : ""),
                        w.rate() + " msg/s",
                        seconds(w.time(), span),
                        seconds(w.end(), span)))
                .toList();
        List<Window> faults = history.of(FaultWindow.class)
                .map(f -> new Window(f.fault(), f.target(), seconds(f.time(), span), seconds(f.end(), span)))
                .toList();
        return new RunReport(
                RunReport.SCHEMA_VERSION,
                new ScenarioInfo(scenario.name(), scenario.description(), scenarioFile, scenario.seed()),
                new RunInfo(runId, instant(span[0]), instant(span[1]), (span[1] - span[0]) / 1e6),
                analysis.passed() ? RunReport.PASSED : RunReport.BREACHED,
                null,
                environment,
                phases,
                faults,
                analysis.metrics(),
                analysis.slos(),
                analysis.invariants(),
                analysis.checks(),
                analysis.throughput(),
                new Series(
                        analysis.checks().latency().series(),
                        analysis.checks().rate().series()),
                ProcessCosts.of(history),
                artifacts);
    }

    /** A run that could not be carried out or checked: no verdicts, the reason, exit 2. */
    public static RunReport failed(
            Scenario scenario,
            String scenarioFile,
            String runId,
            Environment environment,
            Instant started,
            String error,
            Map<String, String> artifacts) {
        return new RunReport(
                RunReport.SCHEMA_VERSION,
                new ScenarioInfo(scenario.name(), scenario.description(), scenarioFile, scenario.seed()),
                new RunInfo(runId, started.toString(), Instant.now().toString(), 0),
                RunReport.ERROR,
                error,
                environment,
                List.of(),
                List.of(),
                Map.of(),
                List.of(),
                List.of(),
                Analysis.Checks.NONE,
                null,
                Series.EMPTY,
                null,
                artifacts);
    }

    private static boolean isRamp(History history, PhaseWindow w) {
        return history.of(PhaseWindow.class).anyMatch(o -> o.phase().equals(w.phase()) && o.step() > 0);
    }

    private static double seconds(long micros, long[] span) {
        return (micros - span[0]) / 1e6;
    }

    private static String instant(long micros) {
        return Instant.ofEpochSecond(micros / 1_000_000, (micros % 1_000_000) * 1000)
                .toString();
    }
}
