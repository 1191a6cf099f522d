package io.chorus.harness.explore;

import java.util.Map;

/** {@code summary.html}: the summary as a page, each found scenario and its report linked. */
final class SummaryPage {
    private SummaryPage() {}

    static String render(ExploreSummary summary) {
        StringBuilder s = new StringBuilder("<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>explore ")
                .append(x(summary.scenario()))
                .append("</title><style>body{font-family:sans-serif}td,th{border:1px solid #ccc;padding:4px;"
                        + "vertical-align:top;text-align:left}table{border-collapse:collapse}</style></head><body>")
                .append("<h1>harness explore: ")
                .append(x(summary.scenario()))
                .append("</h1><p>run ")
                .append(x(summary.run()))
                .append(", seed ")
                .append(summary.seed())
                .append(": <b>")
                .append(summary.trials())
                .append(" trials, ")
                .append(summary.failures())
                .append(" failures found</b>, ")
                .append(summary.errors())
                .append(" trials that could not run, ")
                .append(Math.round(summary.elapsedSeconds()))
                .append(" s</p><h2>Faults tried</h2><table><tr><th>kind</th><th>faults</th></tr>");
        for (Map.Entry<String, Integer> e : summary.faultsTriedByKind().entrySet()) {
            s.append("<tr><td>")
                    .append(x(e.getKey()))
                    .append("</td><td>")
                    .append(e.getValue())
                    .append("</td></tr>");
        }
        s.append("</table><h2>Failures</h2>");
        if (summary.found().isEmpty()) {
            s.append("<p>none</p>");
        } else {
            s.append("<table><tr><th>scenario</th><th>broke</th><th>shrunk schedule</th><th>trial, schedule seed</th>"
                    + "<th>shrink</th></tr>");
            for (ExploreSummary.Found f : summary.found()) {
                s.append("<tr><td><a href=\"")
                        .append(x(f.file()))
                        .append("\">")
                        .append(x(f.file()))
                        .append("</a><br><a href=\"")
                        .append(x(f.report()))
                        .append("/report.html\">report</a></td><td>")
                        .append(x(String.join(", ", f.broken())))
                        .append("</td><td>")
                        .append(x(String.join("\n", f.schedule())).replace("\n", "<br>"))
                        .append("</td><td>")
                        .append(f.trial())
                        .append(", ")
                        .append(f.scheduleSeed())
                        .append("</td><td>")
                        .append(f.drawnFaults())
                        .append(" to ")
                        .append(f.schedule().size())
                        .append(" faults, ")
                        .append(f.shrinkSteps())
                        .append(" steps in ")
                        .append(f.shrinkAttempts())
                        .append(" attempts")
                        .append(f.minimal() ? ", a local minimum" : ", cut short")
                        .append("</td></tr>");
            }
            s.append("</table>");
        }
        return s.append("</body></html>\n").toString();
    }

    private static String x(String text) {
        return text.replace("&", "&amp;")
                .replace("<", "&lt;")
                .replace(">", "&gt;")
                .replace("\"", "&quot;");
    }
}
