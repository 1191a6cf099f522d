package io.chorus.harness.report;

import io.chorus.harness.checker.Invariant;
import io.chorus.harness.checker.SloVerdict;
import io.chorus.harness.sim.SimulationReport;
import java.util.List;

/**
 * {@code junit.xml}: one test case per SLO and one per invariant, so any CI shows which objective a run breached.
 * A run that failed before it could be checked is a single test case in error.
 */
final class JunitReport {
    private JunitReport() {}

    static String render(RunReport report) {
        StringBuilder cases = new StringBuilder();
        int tests = 0;
        int failures = 0;
        int errors = 0;
        String suite = "harness." + report.scenario().name();
        if (RunReport.ERROR.equals(report.outcome())) {
            tests = 1;
            errors = 1;
            cases.append("    <testcase classname=\"")
                    .append(x(suite))
                    .append(".run\" name=\"run\">\n")
                    .append("      <error message=\"")
                    .append(x(report.error()))
                    .append("\"/>\n    </testcase>\n");
        }
        for (Invariant invariant : report.invariants()) {
            tests++;
            cases.append("    <testcase classname=\"")
                    .append(x(suite))
                    .append(".invariant\" name=\"")
                    .append(x(invariant.name()))
                    .append("\">");
            if (!invariant.holds()) {
                failures++;
                cases.append("\n      <failure message=\"")
                        .append(x(violated(invariant)))
                        .append("\"/>\n    ");
            }
            cases.append("</testcase>\n");
        }
        for (SloVerdict slo : report.slos()) {
            tests++;
            failures += sloCase(cases, suite, slo);
        }
        return suite(suite, tests, failures, errors, 0, report.run().durationSeconds(), cases);
    }

    /**
     * A simulation's {@code junit.xml}: one test case per SLO the model predicts, judged on the prediction, and one
     * skipped per SLO it does not model (invariants such as loss are not predicted), so a CI that gates on a
     * projection reads it as it reads a run's.
     */
    static String render(SimulationReport report) {
        StringBuilder cases = new StringBuilder();
        String suite = "harness." + report.scenario().get("name") + ".simulated";
        int failures = 0;
        for (SloVerdict slo : report.slos()) {
            failures += sloCase(cases, suite, slo);
        }
        for (String metric : report.notModelled()) {
            cases.append("    <testcase classname=\"")
                    .append(x(suite))
                    .append(".slo\" name=\"")
                    .append(x(metric))
                    .append("\">\n      <skipped message=\"not modelled by the simulation\"/>\n    </testcase>\n");
        }
        int tests = report.slos().size() + report.notModelled().size();
        return suite(suite, tests, failures, 0, report.notModelled().size(), 0, cases);
    }

    /** Appends the SLO's test case; 1 when it failed. */
    private static int sloCase(StringBuilder cases, String suite, SloVerdict slo) {
        cases.append("    <testcase classname=\"")
                .append(x(suite))
                .append(".slo\" name=\"")
                .append(x(slo.metric() + " " + slo.bound() + " "
                        + io.chorus.harness.scenario.Slo.formatNumber(slo.threshold())))
                .append("\">");
        if (!slo.passed()) {
            cases.append("\n      <failure message=\"").append(x(slo.message())).append("\"/>\n    ");
        }
        cases.append("</testcase>\n");
        return slo.passed() ? 0 : 1;
    }

    private static String suite(
            String suite, int tests, int failures, int errors, int skipped, double seconds, CharSequence cases) {
        return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                + "<testsuites>\n  <testsuite name=\"" + x(suite) + "\" tests=\"" + tests + "\" failures=\"" + failures
                + "\" errors=\"" + errors + "\" skipped=\"" + skipped + "\" time=\"" + seconds + "\">\n"
                + cases + "  </testsuite>\n</testsuites>\n";
    }

    /** e.g. {@code the loss invariant was violated 2 times (lost m1; lost m7): see checks.loss in report.json}; at most three counterexamples. */
    static String violated(Invariant invariant) {
        List<String> first = invariant
                .counterexamples()
                .subList(0, Math.min(3, invariant.counterexamples().size()));
        return "the " + invariant.name() + " invariant was violated " + invariant.violations()
                + (invariant.violations() == 1 ? " time" : " times")
                + (first.isEmpty()
                        ? ""
                        : " (" + String.join("; ", first)
                                + (invariant.counterexamples().size() > 3 ? "; ..." : "") + ")")
                + ": see checks." + invariant.name() + " in report.json";
    }

    static String x(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&apos;");
                default -> {
                    if (c >= 0x20 || c == '\n' || c == '\t') {
                        out.append(c);
                    }
                }
            }
        }
        return out.toString();
    }
}
