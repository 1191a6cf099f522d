package io.chorus.harness.explore;

import io.chorus.harness.checker.Invariant;
import io.chorus.harness.checker.SloVerdict;
import io.chorus.harness.report.RunReport;
import java.util.ArrayList;
import java.util.List;

/**
 * What the checker said of a trial: its outcome, and the invariants and SLOs it broke by name.
 *
 * @param error why the trial itself failed (outcome {@code error}), else null
 */
public record Verdict(String outcome, List<String> broken, String error) {
    public Verdict {
        broken = List.copyOf(broken);
    }

    public static Verdict of(RunReport report) {
        List<String> broken = new ArrayList<>();
        report.invariants().stream()
                .filter(i -> !i.holds())
                .map(Invariant::name)
                .forEach(broken::add);
        report.slos().stream()
                .filter(s -> !s.passed())
                .map(SloVerdict::metric)
                .filter(m -> !broken.contains(m))
                .forEach(broken::add);
        return new Verdict(report.outcome(), broken, report.error());
    }

    /** Whether the checker found a breach (a trial that could not run is not a finding). */
    public boolean failed() {
        return RunReport.BREACHED.equals(outcome);
    }

    public boolean isError() {
        return RunReport.ERROR.equals(outcome);
    }

    /**
     * Whether this trial breaks something {@code found} broke: what a shrink keeps, so a smaller schedule that fails
     * some other way is not mistaken for the failure being shrunk.
     */
    public boolean breaksTheSameAs(Verdict found) {
        return failed() && broken.stream().anyMatch(found.broken()::contains);
    }
}
