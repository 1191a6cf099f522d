package io.chorus.harness.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.chorus.harness.checker.Analysis;
import io.chorus.harness.checker.ProcessCosts;
import io.chorus.harness.checker.Roster;
import io.chorus.harness.checker.StoreListing;
import io.chorus.harness.history.FaultWindow;
import io.chorus.harness.history.History;
import io.chorus.harness.history.Op;
import io.chorus.harness.history.PhaseWindow;
import io.chorus.harness.history.Receipt;
import io.chorus.harness.history.Sample;
import io.chorus.harness.history.SendInvoke;
import io.chorus.harness.history.SendOk;
import io.chorus.harness.history.SessionOpen;
import io.chorus.harness.scenario.Scenario;
import io.chorus.harness.scenario.ScenarioParser;
import io.chorus.harness.stack.StackShape;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Writes a report from a small history of 60 s with one fault, and reads back each of its three files. */
class ReportTest {
    static final long T = 1_700_000_000_000_000L;

    @TempDir
    static Path folder;

    static RunReport report;
    static Scenario scenario;
    static History history;
    static Analysis.Result analysis;
    static List<StoreListing.StoredMessage> stored = new ArrayList<>();

    @BeforeAll
    static void write() throws Exception {
        scenario = new ScenarioParser().parse(Path.of("../scenarios/smoke.yaml"));
        List<Op> ops = new ArrayList<>();
        ops.add(new SessionOpen("bob", "b1", "notification-1", T));
        for (int i = 0; i < 600; i++) {
            long intended = T + i * 100_000L;
            long latency = i >= 200 && i < 300 ? 80_000 : 3_000; // slow while the fault holds
            ops.add(new SendInvoke("k" + i, "team-0", "alice", "steady", intended, intended, 50));
            ops.add(new SendOk("k" + i, "m" + i, 202, intended + latency));
            ops.add(new Receipt("bob", "b1", "notification-1", "team-0", "m" + i, i + 1, intended + latency + 2_000));
        }
        ops.add(new PhaseWindow("steady", 0, 10, T, T + 60_000_000));
        ops.add(new FaultWindow("latency", "fanout -> nats", T + 20_000_000, T + 30_000_000));
        history = new History(ops);
        for (int i = 0; i < 600; i++) {
            stored.add(new StoreListing.StoredMessage("team-0", "m" + i, "k" + i));
        }
        analysis = new Analysis(new Roster(Map.of("bob", Set.of("team-0"))), new StoreListing(stored), scenario.slos())
                .analyse(history);
        report = Reports.of(
                scenario,
                "scenarios/smoke.yaml",
                "run-1",
                ENVIRONMENT,
                history,
                analysis,
                Map.of("history", "history.ndjson"));
        new ReportWriter().write(report, folder);
    }

    static final Environment ENVIRONMENT =
            Environment.here("local", StackShape.DEFAULT, Map.of("nats-server", "v2.14.9"));

    /**
     * {@code report-v1.json} is this test's report as written before checker results were typed: the same history
     * still gives the same document, field for field (but for the machine it ran on).
     */
    @Test
    void reportJsonIsStillTheDocumentOfSchemaVersionOne() throws Exception {
        JsonNode before = ReportWriter.JSON.readTree(getClass().getResource("report-v1.json"));
        JsonNode now = ReportWriter.JSON.readTree(folder.resolve("report.json").toFile());
        ((com.fasterxml.jackson.databind.node.ObjectNode) before).remove("environment");
        ((com.fasterxml.jackson.databind.node.ObjectNode) now).remove("environment");
        assertThat(now).isEqualTo(before);
    }

    @Test
    void compareReadsAReportOfTheVersionBefore() throws Exception {
        Path old = Path.of(getClass().getResource("report-v1.json").toURI());
        var rows = new ReportComparison(0.1, Map.of())
                .compare(ReportComparison.metrics(old), ReportComparison.metrics(folder.resolve("report.json")));
        assertThat(rows)
                .isNotEmpty()
                .allSatisfy(r -> assertThat(r.change()).as(r.metric()).isEqualTo(ReportComparison.Change.SAME));
    }

    @Test
    void aViolatedInvariantIsAFailedTestCaseWithItsCounterexamples() {
        Analysis.Result lost = new Analysis(
                        new Roster(Map.of("bob", Set.of("team-0"))),
                        new StoreListing(stored.subList(0, stored.size() - 1)),
                        List.of())
                .analyse(history);
        RunReport r = Reports.of(scenario, "scenarios/smoke.yaml", "run-2", ENVIRONMENT, history, lost, Map.of());
        assertThat(r.outcome()).isEqualTo(RunReport.BREACHED);
        assertThat(JunitReport.render(r))
                .contains("<failure message=\"the loss invariant was violated 1 time (lost m599): "
                        + "see checks.loss in report.json\"/>");
        assertThat(HtmlReport.render(r, "{}")).contains("<td>invariant: loss</td><td>violated: 1</td><td>FAIL</td>");
    }

    @Test
    void reportJsonFollowsTheSchema() throws Exception {
        JsonNode json = ReportWriter.JSON.readTree(folder.resolve("report.json").toFile());
        assertThat(json.path("schemaVersion").asInt()).isEqualTo(1);
        assertThat(json.path("scenario").path("name").asText()).isEqualTo("smoke");
        assertThat(json.path("metrics").path("messages.acked").asDouble()).isEqualTo(600);
        assertThat(json.path("metrics").path("send.latency.p99").asDouble()).isGreaterThan(50);
        assertThat(json.path("invariants").path("loss").asBoolean()).isTrue();
        assertThat(json.path("checks").path("loss").path("valid").asBoolean()).isTrue();
        assertThat(json.path("checks").path("loss").path("deliveriesExpected").asLong())
                .isEqualTo(600);
        assertThat(json.path("checks").path("errors").path("byStatus").isObject())
                .isTrue();
        assertThat(json.path("faults").get(0).path("start").asDouble()).isEqualTo(20.0);
        assertThat(json.path("series").path("latency").size()).isEqualTo(60);
        assertThat(json.path("outcome").asText()).isEqualTo(report.outcome());
        // nats.subscriptions_per_instance has no samples: that SLO fails with "no data", so the run is breached
        assertThat(report.outcome()).isEqualTo(RunReport.BREACHED);
        assertThat(report.exitCode()).isEqualTo(1);
    }

    @Test
    void junitHasOneTestCasePerSloAndInvariant() throws Exception {
        String xml = Files.readString(folder.resolve("junit.xml"));
        int cases = xml.split("<testcase ", -1).length - 1;
        assertThat(cases).isEqualTo(report.slos().size() + 4);
        assertThat(xml)
                .contains(
                        "name=\"send.latency.p95 &lt;= 50\"",
                        "failures=\""
                                + report.slos().stream()
                                        .filter(s -> !s.passed())
                                        .count() + "\"");
        assertThat(xml).contains("<failure message=\"no data: the run measured no nats.subscriptions_per_instance\"/>");
    }

    @Test
    void htmlIsSelfContained() throws Exception {
        String html = Files.readString(folder.resolve("report.html"));
        assertThat(html)
                .contains("uPlot")
                .doesNotContain("src=\"http", "href=\"http", "/*REPORT_JSON*/", "/*UPLOT_JS*/");
        assertThat(html).contains("<td>send.latency.p95 &lt;= 50 ms</td>");
        assertThat(html).contains("<table id=\"faults\">", "<td>latency</td><td>fanout -&gt; nats</td>");
    }

    /** Renders report.html in headless Chromium and reads back the marks each chart sets once it has drawn. */
    @Test
    void htmlRendersChartsWithDataInHeadlessChromium() throws Exception {
        Optional<String> chromium = chromium();
        assumeTrue(chromium.isPresent(), "no chromium binary on PATH (apt-get install chromium; .ci/run installs it)");
        String dom = render(chromium.get(), folder.resolve("report.html"));
        assertThat(chart(dom, "latency")).as("latency chart marks").containsExactly("true", "60", "6");
        assertThat(chart(dom, "throughput")).as("throughput chart marks").containsExactly("true", "60", "4");
        assertThat(dom).contains("<canvas");
    }

    /** A run with process samples draws the CPU chart: one stacked band per component, a point per second. */
    @Test
    void htmlStacksTheCpuOfEveryComponentInHeadlessChromium() throws Exception {
        Optional<String> chromium = chromium();
        assumeTrue(chromium.isPresent(), "no chromium binary on PATH (apt-get install chromium; .ci/run installs it)");
        List<Op> ops = new ArrayList<>(history.ops());
        for (int s = 0; s <= 10; s++) {
            ops.add(new Sample(ProcessCosts.CPU, "command", 0.2 * s, T + s * 1_000_000L));
            ops.add(new Sample(ProcessCosts.CPU, ProcessCosts.HARNESS, 0.5 * s, T + s * 1_000_000L));
        }
        Path costs = Files.createDirectories(folder.resolve("with-costs"));
        new ReportWriter()
                .write(
                        Reports.of(
                                scenario,
                                "scenarios/smoke.yaml",
                                "run-2",
                                ENVIRONMENT,
                                new History(ops),
                                analysis,
                                Map.of("history", "history.ndjson")),
                        costs);

        String dom = render(chromium.get(), costs.resolve("report.html"));

        assertThat(chart(dom, "cpu")).as("cpu chart marks").containsExactly("true", "10", "2");
        assertThat(chart(dom, "latency")).as("latency chart marks").containsExactly("true", "60", "6");
    }

    private static String render(String chromium, Path html) throws Exception {
        Path profile = Files.createTempDirectory("chromium-profile");
        Process p = new ProcessBuilder(
                        chromium,
                        "--headless",
                        "--no-sandbox",
                        "--disable-gpu",
                        "--disable-background-networking",
                        "--disable-component-update",
                        "--disable-sync",
                        "--no-first-run",
                        "--user-data-dir=" + profile,
                        "--virtual-time-budget=5000",
                        "--dump-dom",
                        html.toUri().toString())
                .redirectError(html.resolveSibling("chromium.log").toFile())
                .start();
        String rendered = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return rendered;
    }

    private static List<String> chart(String dom, String id) {
        Matcher m = Pattern.compile("<div id=\"" + id + "\"[^>]*>").matcher(dom);
        assertThat(m.find()).as("chart " + id + " in the DOM").isTrue();
        String tag = m.group();
        return List.of(attr(tag, "data-drawn"), attr(tag, "data-points"), attr(tag, "data-series"));
    }

    private static String attr(String tag, String name) {
        Matcher m = Pattern.compile(name + "=\"([^\"]*)\"").matcher(tag);
        return m.find() ? m.group(1) : "";
    }

    static Optional<String> chromium() {
        for (String name : List.of("chromium", "chromium-browser", "google-chrome")) {
            for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
                Path candidate = Path.of(dir, name);
                if (Files.isExecutable(candidate)) {
                    return Optional.of(candidate.toString());
                }
            }
        }
        return Optional.empty();
    }
}
