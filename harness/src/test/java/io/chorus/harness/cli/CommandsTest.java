package io.chorus.harness.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.chorus.harness.Harness;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The validate and compare commands' exit codes and output, and --help on every new command. */
class CommandsTest {
    @TempDir
    Path dir;

    private record Outcome(int exit, String out, String err) {}

    private Outcome harness(String... args) {
        PrintStream out = System.out;
        PrintStream err = System.err;
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        ByteArrayOutputStream e = new ByteArrayOutputStream();
        try {
            System.setOut(new PrintStream(o, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(e, true, StandardCharsets.UTF_8));
            CommandLine cli = new CommandLine(new Harness());
            cli.setOut(new java.io.PrintWriter(System.out, true, StandardCharsets.UTF_8))
                    .setErr(new java.io.PrintWriter(System.err, true, StandardCharsets.UTF_8));
            int exit = cli.execute(args);
            return new Outcome(exit, o.toString(StandardCharsets.UTF_8), e.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(out);
            System.setErr(err);
        }
    }

    @Test
    void validateExitsZeroForTheShippedScenarios() {
        Outcome o = harness("validate", "../scenarios/smoke.yaml", "../scenarios/throughput.yaml");
        assertThat(o.exit()).isZero();
        assertThat(o.out()).contains("smoke.yaml: valid", "throughput.yaml: valid");
    }

    @Test
    void validateExitsOneWithFileLineAndField() throws Exception {
        Path bad = dir.resolve("bad.yaml");
        Files.writeString(bad, "name: Bad Name\npopulation: {users: 0, shapes: []}\nphases: []\n");
        Outcome o = harness("validate", bad.toString());
        assertThat(o.exit()).isEqualTo(1);
        assertThat(o.err())
                .contains(
                        bad + ":1:7: name: expected a name of lower-case letters",
                        bad + ":2:21: population.users: expected a number of users between 1 and 100000000, got 0")
                .doesNotContain("Exception", "\tat ");
    }

    @Test
    void compareExitsOneOnARegression() throws Exception {
        Path old = dir.resolve("old.json");
        Path now = dir.resolve("new.json");
        Files.writeString(old, "{\"schemaVersion\":1,\"metrics\":{\"send.latency.p95\":20.0,\"messages.lost\":0}}");
        Files.writeString(now, "{\"schemaVersion\":1,\"metrics\":{\"send.latency.p95\":21.0,\"messages.lost\":0}}");
        assertThat(harness("compare", old.toString(), now.toString()).exit()).isZero();
        Files.writeString(now, "{\"schemaVersion\":1,\"metrics\":{\"send.latency.p95\":30.0,\"messages.lost\":0}}");
        Outcome o = harness("compare", old.toString(), now.toString());
        assertThat(o.exit()).isEqualTo(1);
        assertThat(o.out()).contains("send.latency.p95", "regressed");
    }

    @Test
    void exploreRefusesAFaultFilterTheStackDoesNotHave() {
        Outcome o = harness("explore", "../scenarios/smoke.yaml", "--faults", "kill,notification-9,command -> nats");
        assertThat(o.exit()).isEqualTo(Harness.HARNESS_ERROR);
        assertThat(o.err())
                .contains("--faults: [notification-9] are neither fault kinds", "components command, query")
                .doesNotContain("Exception");
    }

    @Test
    void simulateWritesAReportFolderWithTheScenariosSlosJudgedOnThePrediction() throws Exception {
        Path calibration = calibration();
        Path folder = dir.resolve("predicted");
        Outcome o = harness(
                "simulate",
                "../scenarios/smoke.yaml",
                "--calibration",
                calibration.toString(),
                "--out",
                folder.toString());

        assertThat(o.exit()).as(o.err()).isZero();
        assertThat(o.out())
                .contains("steady at 20 msg/s: send p50", "busiest command", "machine", "held: send.latency.p95")
                .contains("not modelled, not judged: messages.lost");
        assertThat(Files.readString(folder.resolve("report.json")))
                .contains("\"kind\" : \"simulation\"", "\"send.latency.p95\"", "\"firstToSaturate\"")
                .contains("\"passed\" : true", "\"utilisation\"");
        String junit = Files.readString(folder.resolve("junit.xml"));
        assertThat(junit)
                .contains("name=\"send.latency.p95 &lt;= 50\"", "failures=\"0\"")
                .contains("name=\"messages.lost\">", "<skipped message=\"not modelled by the simulation\"/>");
        assertThat(Files.readString(folder.resolve("report.html")))
                .contains("PREDICTED TO HOLD", "<table id=\"steps\">", "<td>steady</td><td>20</td>")
                .contains("<td>send.latency.p95 &lt;= 50 ms</td>")
                .doesNotContain("src=\"http");
    }

    @Test
    void simulateExitsOneWhenThePredictionBreachesAnSlo() throws Exception {
        Path calibration = calibration();
        // one core of the shared machine for 20 msg/s at 60 ms of command CPU each: 1.2 cores asked, never drained
        Files.writeString(
                calibration, Files.readString(calibration).replace("\"cpuSeconds\": 2.0", "\"cpuSeconds\": 60.0"));
        Outcome o = harness(
                "simulate",
                "../scenarios/smoke.yaml",
                "--calibration",
                calibration.toString(),
                "--cores",
                "1",
                "--out",
                dir.resolve("over").toString());

        assertThat(o.exit()).as(o.err()).isEqualTo(1);
        assertThat(o.out()).contains("BREACHED: send.latency.p95");
        assertThat(Files.readString(dir.resolve("over/junit.xml")))
                .containsPattern("name=\"send.latency.p95 &lt;= 50\">\\s*<failure message=\"send.latency.p95 = ");
        assertThat(Files.readString(dir.resolve("over/report.html"))).contains("PREDICTED TO BREACH");
    }

    @Test
    void simulateWithTheSameSeedWritesTheSameReport() throws Exception {
        Path calibration = calibration();
        for (String run : new String[] {"a", "b"}) {
            Outcome o = harness(
                    "simulate",
                    "../scenarios/smoke.yaml",
                    "--calibration",
                    calibration.toString(),
                    "--seed",
                    "42",
                    "--out",
                    dir.resolve(run).toString());
            assertThat(o.exit()).as(o.err()).isZero();
        }
        assertThat(Files.readString(dir.resolve("b/report.json")))
                .isEqualTo(Files.readString(dir.resolve("a/report.json")))
                .contains("\"seed\" : 42");
    }

    private Path calibration() throws Exception {
        Path calibration = dir.resolve("report.json");
        Files.writeString(calibration, """
                {"environment": {"cpus": 2},
                 "metrics": {"fanout.publishes_per_message": 1.5},
                 "costs": {"messages": 1000, "frames": 3000, "secondsSampled": 50.0, "components": [
                   {"name": "command", "cpuSeconds": 2.0, "units": 1000},
                   {"name": "nats-1", "cpuSeconds": 1.0, "units": 1000},
                   {"name": "fanout-1", "cpuSeconds": 0.5, "units": 1000},
                   {"name": "notification-1", "cpuSeconds": 0.3, "units": 3000},
                   {"name": "cassandra-1", "cpuSeconds": 1.5, "units": 1000}]}}
                """);
        return calibration;
    }

    @Test
    void simulateExitsTwoWithoutCosts() throws Exception {
        Path calibration = dir.resolve("report.json");
        Files.writeString(calibration, "{\"schemaVersion\":1,\"metrics\":{}}");
        Outcome o = harness("simulate", "../scenarios/smoke.yaml", "--calibration", calibration.toString());

        assertThat(o.exit()).isEqualTo(2);
        assertThat(o.err()).contains("no costs section").doesNotContain("\tat ");
    }

    @Test
    void everyNewCommandHasHelp() {
        for (String command : new String[] {"run", "validate", "compare", "explore", "simulate"}) {
            Outcome o = harness(command, "--help");
            assertThat(o.exit()).isZero();
            assertThat(o.out()).contains("Usage: harness " + command);
        }
    }
}
