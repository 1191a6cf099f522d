package io.chorus.harness.report;

import static io.chorus.harness.report.JunitReport.x;

import io.chorus.harness.checker.LatencySummary;
import io.chorus.harness.checker.SloVerdict;
import io.chorus.harness.sim.ChatPaths;
import io.chorus.harness.sim.SimulationReport;
import io.chorus.harness.sim.Station;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * A simulation's {@code report.html}: one self-contained page, no script, that says what was predicted (the SLOs
 * judged on the prediction, and the ones not modelled), then each simulated step with its predicted percentiles and
 * its three busiest components, so a reader sees where a projection breaks first without reading the JSON.
 */
final class SimulationPage {
    /** Components per step shown by utilisation, busiest first; the JSON has them all. */
    static final int BUSIEST = 3;

    private SimulationPage() {}

    static String render(SimulationReport report, String json) {
        String title = "simulated " + report.scenario().get("name");
        return "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>" + x(title)
                + "</title>\n<style>\n"
                + "  body { font-family: system-ui, sans-serif; margin: 2em; color: #222; }\n"
                + "  table { border-collapse: collapse; margin: 1em 0; }\n"
                + "  th, td { border: 1px solid #ccc; padding: 4px 10px; text-align: left; }\n"
                + "  tr.pass td:last-child { color: #176f2c; } tr.fail td { background: #fde8e8; }\n"
                + "  .outcome { font-size: 1.6em; font-weight: bold; } .outcome.pass { color: #176f2c; }\n"
                + "  .outcome.fail { color: #b00020; }\n"
                + "</style>\n</head>\n<body>\n<h1>" + x(title) + "</h1>\n"
                + summary(report) + "\n<h2>SLOs, judged on the prediction</h2>\n" + slos(report)
                + "\n<h2>Steps</h2>\n" + steps(report.steps())
                + "\n<script type=\"application/json\" id=\"report-data\">" + json.replace("<", "\\u003c")
                + "</script>\n</body>\n</html>\n";
    }

    private static String summary(SimulationReport report) {
        boolean passed = report.passed();
        StringBuilder s = new StringBuilder("<p class=\"outcome ")
                .append(passed ? "pass\">PREDICTED TO HOLD" : "fail\">PREDICTED TO BREACH")
                .append("</p>");
        s.append("<p>")
                .append(x(String.valueOf(report.scenario().get("file"))))
                .append(" calibrated by ")
                .append(x(String.valueOf(report.model().get("calibration"))));
        Object scale = report.model().get("scaleFile");
        if (scale != null) {
            s.append(" at the scale of ").append(x(scale.toString()));
        }
        s.append(", seed ").append(x(String.valueOf(report.scenario().get("seed"))));
        if (report.firstToSaturate() != null) {
            s.append("; first to saturate at the busiest step: <b>")
                    .append(x(report.firstToSaturate()))
                    .append("</b>");
        }
        return s.append("</p>").toString();
    }

    private static String slos(SimulationReport report) {
        StringBuilder s = new StringBuilder(
                "<table id=\"slos\"><tr><th>objective</th><th>predicted (worst step)</th><th>verdict</th></tr>");
        for (SloVerdict v : report.slos()) {
            s.append(HtmlReport.sloRow(v));
        }
        for (String metric : report.notModelled()) {
            s.append("<tr><td>").append(x(metric)).append("</td><td>not modelled</td><td>-</td></tr>");
        }
        return s.append("</table>").toString();
    }

    private static String steps(List<SimulationReport.Step> steps) {
        StringBuilder s = new StringBuilder("<table id=\"steps\"><tr><th>phase</th><th>offered msg/s</th>"
                + "<th>achieved msg/s</th><th>send p50 / p95 ms</th><th>delivery p50 / p95 ms</th>"
                + "<th>publishes per message</th><th>busiest (utilisation)</th></tr>");
        for (SimulationReport.Step step : steps) {
            ChatPaths.Prediction p = step.prediction();
            s.append("<tr><td>")
                    .append(x(step.phase()))
                    .append("</td><td>")
                    .append(number(step.rate()))
                    .append("</td><td>")
                    .append(number(p.achievedRate()))
                    .append("</td><td>")
                    .append(percentiles(p.send()))
                    .append("</td><td>")
                    .append(percentiles(p.delivery()))
                    .append("</td><td>")
                    .append(number(p.publishesPerMessage()))
                    .append("</td><td>")
                    .append(x(busiest(p)))
                    .append("</td></tr>");
        }
        return s.append("</table>").toString();
    }

    private static String percentiles(LatencySummary summary) {
        if (summary.count() == 0) {
            return "-";
        }
        return number(summary.p50()) + " / " + number(summary.p95());
    }

    private static String busiest(ChatPaths.Prediction p) {
        List<String> top = p.stations().stream()
                .sorted(Comparator.comparingDouble(Station.Stats::utilisation).reversed())
                .limit(BUSIEST)
                .map(st -> st.name() + " " + percent(st.utilisation()))
                .toList();
        String shared =
                p.machine() == null ? "" : "machine " + percent(p.machine().utilisation()) + "; ";
        return shared + String.join(", ", top);
    }

    private static String percent(double utilisation) {
        return String.format(Locale.ROOT, "%.0f%%", utilisation * 100);
    }

    private static String number(double value) {
        return io.chorus.harness.scenario.Slo.formatNumber(Math.round(value * 10) / 10.0);
    }
}
