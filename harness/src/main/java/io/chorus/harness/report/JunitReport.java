package io.chorus.harness.report;

import io.chorus.harness.checker.Invariant;
import io.chorus.harness.checker.SloVerdict;
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
            cases.append("    <testcase classname=\"")
                    .append(x(suite))
                    .append(".slo\" name=\"")
                    .append(x(slo.metric() + " " + slo.bound() + " "
                            + io.chorus.harness.scenario.Slo.formatNumber(slo.threshold())))
                    .append("\">");
            if (!slo.passed()) {
                failures++;
                cases.append("\n      <failure message=\"")
                        .append(x(slo.message()))
                        .append("\"/>\n    ");
            }
            cases.append("</testcase>\n");
        }
        return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                + "<testsuites>\n  <testsuite name=\"" + x(suite) + "\" tests=\"" + tests + "\" failures=\"" + failures
                + "\" errors=\"" + errors + "\" time=\"" + report.run().durationSeconds() + "\">\n"
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
