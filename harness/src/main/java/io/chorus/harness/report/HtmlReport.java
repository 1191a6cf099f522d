package io.chorus.harness.report;

import static io.chorus.harness.report.JunitReport.x;

import io.chorus.harness.checker.Invariant;
import io.chorus.harness.checker.RecoveryChecker;
import io.chorus.harness.checker.SloVerdict;
import io.chorus.harness.scenario.Slo;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * {@code report.html}: one self-contained file that opens offline. uPlot (from its webjar) is inlined, and so is
 * the report's JSON; the page draws latency percentiles and throughput over time with fault windows shaded, and
 * marks each chart {@code data-drawn="true"} with {@code data-points} once uPlot has drawn it (the headless-browser
 * test reads those marks). Tables are rendered here, so they show even without JavaScript.
 */
final class HtmlReport {
    static final String UPLOT = "META-INF/resources/webjars/uplot/" + uplotVersion() + "/dist/";

    private HtmlReport() {}

    static String render(RunReport report, String json) {
        return resource("io/chorus/harness/report/report.html")
                .replace("/*UPLOT_CSS*/", resource(UPLOT + "uPlot.min.css"))
                .replace("/*UPLOT_JS*/", resource(UPLOT + "uPlot.iife.min.js").replace("</script", "<\\/script"))
                .replace(
                        "__TITLE__",
                        x(report.scenario().name() + " " + report.run().id()))
                .replace("__SUMMARY__", summary(report) + faults(report))
                .replace("__SLOS__", slos(report))
                .replace("__ENVIRONMENT__", environment(report))
                .replace("/*REPORT_JSON*/", json.replace("<", "\\u003c"));
    }

    private static String summary(RunReport report) {
        String css = switch (report.outcome()) {
            case RunReport.PASSED -> "pass";
            case RunReport.BREACHED -> "fail";
            default -> "error";
        };
        StringBuilder s = new StringBuilder("<p class=\"outcome ")
                .append(css)
                .append("\">")
                .append(x(report.outcome().toUpperCase(java.util.Locale.ROOT)))
                .append("</p>");
        s.append("<p>").append(x(report.scenario().description())).append("</p>");
        s.append("<p>run ")
                .append(x(report.run().id()))
                .append(", ")
                .append(x(report.run().startedAt()))
                .append(" to ")
                .append(x(report.run().endedAt()))
                .append("</p>");
        if (report.error() != null) {
            s.append("<pre class=\"error\">").append(x(report.error())).append("</pre>");
        }
        if (report.throughput() != null && report.throughput().highestHeld() != null) {
            s.append("<p>highest rate held: <b>")
                    .append(Slo.formatNumber(report.throughput().highestHeld()))
                    .append(" msg/s</b>; knee: ")
                    .append(
                            report.throughput().knee() == null
                                    ? "none (the ramp never broke for good)"
                                    : Slo.formatNumber(report.throughput().knee()) + " msg/s")
                    .append("</p>");
        }
        String gatling = report.artifacts().get("gatling");
        if (gatling != null) {
            s.append("<p><a href=\"").append(x(gatling)).append("\">Gatling report</a></p>");
        }
        return s.toString();
    }

    /** One row per fault window with its recovery figures (decision 0051); nothing when the run had no faults. */
    private static String faults(RunReport report) {
        RecoveryChecker.Result recovery = report.checks().recovery();
        if (recovery == null || recovery.windows().isEmpty()) {
            return "";
        }
        StringBuilder s = new StringBuilder("<table id=\"faults\"><tr><th>fault</th><th>target</th><th>at s</th>"
                + "<th>held s</th><th>sends</th><th>202</th><th>503</th><th>other</th><th>send p95 during / after ms</th>"
                + "<th>delivery p95 during / after ms</th><th>clients dropped / not back</th><th>reconnect max ms</th>"
                + "<th>catch-up ms</th><th>lag drain ms</th></tr>");
        for (RecoveryChecker.Window w : recovery.windows()) {
            s.append("<tr><td>")
                    .append(x(w.fault()))
                    .append("</td><td>")
                    .append(x(w.target()))
                    .append("</td><td>")
                    .append(number(w.start()))
                    .append("</td><td>")
                    .append(number(w.seconds()))
                    .append("</td><td>")
                    .append(w.sends())
                    .append("</td><td>")
                    .append(w.acked())
                    .append("</td><td>")
                    .append(w.unavailable())
                    .append("</td><td>")
                    .append(w.refused() + w.unanswered())
                    .append("</td><td>")
                    .append(number(w.sendP95()))
                    .append(" / ")
                    .append(number(w.sendP95After()))
                    .append("</td><td>")
                    .append(number(w.deliveryP95()))
                    .append(" / ")
                    .append(number(w.deliveryP95After()))
                    .append("</td><td>")
                    .append(w.clientsDropped())
                    .append(" / ")
                    .append(w.clientsNotBack())
                    .append("</td><td>")
                    .append(number(w.reconnectMax()))
                    .append("</td><td>")
                    .append(number(w.catchUp()))
                    .append("</td><td>")
                    .append(number(w.lagDrain()))
                    .append("</td></tr>");
        }
        return s.append("</table>").toString();
    }

    private static String number(Double value) {
        return value == null ? "-" : Slo.formatNumber(Math.round(value * 10) / 10.0);
    }

    private static String slos(RunReport report) {
        StringBuilder s =
                new StringBuilder("<table id=\"slos\"><tr><th>objective</th><th>measured</th><th>verdict</th></tr>");
        for (Invariant invariant : report.invariants()) {
            s.append(row(
                    "invariant: " + invariant.name(),
                    invariant.holds() ? "held" : "violated: " + invariant.violations(),
                    invariant.holds()));
        }
        for (SloVerdict v : report.slos()) {
            s.append(sloRow(v));
        }
        return s.append("</table>").toString();
    }

    /** An SLO's row: the objective, the figure it was judged on, the verdict. */
    static String sloRow(SloVerdict v) {
        String unit = v.unit().equals("count") || v.unit().equals("ratio") ? "" : " " + v.unit();
        return row(
                v.metric() + " " + v.bound() + " " + Slo.formatNumber(v.threshold()) + unit,
                v.actual() == null ? "no data" : Slo.formatNumber(v.actual()) + unit,
                v.passed());
    }

    private static String row(String objective, String measured, boolean passed) {
        return "<tr class=\"" + (passed ? "pass" : "fail") + "\"><td>" + x(objective) + "</td><td>" + x(measured)
                + "</td><td>" + (passed ? "pass" : "FAIL") + "</td></tr>";
    }

    private static String environment(RunReport report) {
        Environment e = report.environment();
        StringBuilder s = new StringBuilder("<table id=\"environment\">");
        s.append(kv("harness", e.harnessVersion()))
                .append(kv("java", e.java()))
                .append(kv("os", e.os()))
                .append(kv("cpus", Integer.toString(e.cpus())))
                .append(kv(
                        "stack",
                        e.stackKind() + " "
                                + (e.stackShape() == null ? "" : e.stackShape().toString())));
        e.engines().forEach((engine, version) -> s.append(kv(engine, version)));
        return s.append("</table>").toString();
    }

    private static String kv(String key, String value) {
        return "<tr><th>" + x(key) + "</th><td>" + x(value) + "</td></tr>";
    }

    private static String resource(String name) {
        try (InputStream in = HtmlReport.class.getClassLoader().getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException(
                        "missing resource " + name + " (is the uPlot webjar on the class path?)");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String uplotVersion() {
        try (InputStream in = HtmlReport.class
                .getClassLoader()
                .getResourceAsStream("META-INF/maven/org.webjars.npm/uplot/pom.properties")) {
            java.util.Properties p = new java.util.Properties();
            if (in != null) {
                p.load(in);
            }
            return p.getProperty("version", "1.6.30");
        } catch (IOException e) {
            return "1.6.30";
        }
    }
}
