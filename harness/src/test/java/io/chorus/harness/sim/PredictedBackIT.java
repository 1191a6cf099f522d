package io.chorus.harness.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.chorus.harness.cli.SimulateCommand;
import io.chorus.harness.report.RunReport;
import io.chorus.harness.run.Drivers;
import io.chorus.harness.run.ScenarioRun;
import io.chorus.harness.scenario.Scenario;
import io.chorus.harness.scenario.ScenarioParser;
import io.chorus.harness.stack.ChorusHome;
import io.chorus.harness.stack.ExternalStack;
import io.chorus.harness.stack.LocalStackExtension;
import io.chorus.harness.stack.StackDescription;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;
import org.junit.jupiter.api.extension.ExtendWith;
import picocli.CommandLine;

/**
 * The model earns trust on the run it was calibrated from: {@code scenarios/predict-back.yaml} (35 s of load at 40
 * msg/s) runs on the shared IT stack, its report's costs calibrate {@code harness simulate}, which predicts the same
 * scenario back on the same machine; the predicted send and delivery p50 and p95 must be the measured within
 * {@link #TOLERANCE} (plus {@link #SLACK_MS}, the scale of a loopback hop and of the history's clock, so a
 * millisecond figure is not judged by a ratio), and publishes per message exactly (to within one publish).
 *
 * <p>The scenario runs twice: the first run warms the stack (a stack's first minute is its JIT compilers and caches
 * at work, a transient that no steady-state model predicts: sends of 1-2 s at 40 msg/s) and is judged only for
 * errors; the second is measured, calibrates and is predicted. The model takes a message's own work from the run's
 * floors ({@code send.latency.p1}, {@code delivery.latency.p1}) and the rest of every process's CPU as bursts at
 * equal standing with it (decision 0291).
 *
 * <p>The machine is shared with whatever else runs on it: the run's costs carry the CPU of those other processes
 * ({@code costs.otherCores}), which the model puts back on the machine's cores as it does the run's own idle CPU.
 *
 * <p>Runs only with {@code CHORUS_PREDICT_BACK=1}: on a machine busy with other work the model does not yet predict
 * back within the tolerance (docs/simulation.md says how far and why), and CI must not carry a known failure.
 */
@EnabledIfEnvironmentVariable(named = "CHORUS_PREDICT_BACK", matches = "1")
@ExtendWith(LocalStackExtension.class)
class PredictedBackIT {
    static final double TOLERANCE = 0.30;
    static final double SLACK_MS = 2.0;
    private static final List<String> LATENCIES =
            List.of("send.latency.p50", "send.latency.p95", "delivery.latency.p50", "delivery.latency.p95");

    @Test
    void aShortRunsCostsPredictItsLatenciesAndPublishesBack(StackDescription stack) throws Exception {
        Path scenarioFile = ChorusHome.locate().root().resolve("scenarios/predict-back.yaml");
        Scenario scenario = new ScenarioParser().parse(scenarioFile);
        Path folder = Files.createDirectories(Path.of("target", "predicted-back-it", "run"))
                .toAbsolutePath();

        RunReport warm = run(scenario, stack, Files.createDirectories(folder.resolveSibling("warm")));
        assertThat(warm.error()).as("the warming run").isNull();
        RunReport run = run(scenario, stack, folder);
        assertThat(run.error()).isNull();
        assertThat(run.costs()).isNotNull();
        assertThat(run.costs().otherCores()).as("the whole machine was sampled").isNotNull();

        Path predictedFolder = folder.resolveSibling("predicted");
        int exit = new CommandLine(new SimulateCommand())
                .execute(
                        scenarioFile.toString(),
                        "--calibration",
                        folder.resolve("report.json").toString(),
                        "--out",
                        predictedFolder.toString());
        assertThat(exit).as("0 or 1: a prediction was made").isLessThan(2);
        JsonNode report = new ObjectMapper()
                .readTree(predictedFolder.resolve("report.json").toFile());
        JsonNode predicted = report.path("metrics");
        Map<String, Double> measured = run.metrics();

        for (String metric : LATENCIES) {
            System.out.printf(
                    "predicted back: %s measured %.1f ms, predicted %.1f ms%n",
                    metric, measured.get(metric), predicted.path(metric).asDouble());
        }
        System.out.printf(
                "predicted back: machine %d cores, other processes %.2f cores, publishes per message measured %.4f,"
                        + " predicted %.4f%n",
                run.environment().cpus(),
                run.costs().otherCores(),
                measured.get("fanout.publishes_per_message"),
                predicted.path("fanout.publishes_per_message").asDouble());
        for (String metric : LATENCIES) {
            double m = measured.get(metric);
            assertThat(predicted.path(metric).asDouble())
                    .as(metric + " predicted against measured " + m)
                    .isCloseTo(m, within(TOLERANCE * m + SLACK_MS));
        }
        double messages = report.path("steps")
                .path(0)
                .path("metrics")
                .path("messages.offered")
                .asDouble(1);
        assertThat(predicted.path("fanout.publishes_per_message").asDouble())
                .isCloseTo(measured.get("fanout.publishes_per_message"), within(1 / messages));
    }

    private static RunReport run(Scenario scenario, StackDescription stack, Path folder) {
        return new ScenarioRun(
                        scenario,
                        "scenarios/predict-back.yaml",
                        new ExternalStack(stack),
                        "external",
                        Drivers.available(),
                        folder,
                        System.out)
                .execute();
    }
}
