package io.chorus.harness.cli;

import io.chorus.harness.report.ReportWriter;
import io.chorus.harness.scenario.InvalidScenario;
import io.chorus.harness.scenario.Phase;
import io.chorus.harness.scenario.Scenario;
import io.chorus.harness.scenario.ScenarioError;
import io.chorus.harness.scenario.ScenarioParser;
import io.chorus.harness.sim.Calibration;
import io.chorus.harness.sim.ChatPaths;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(
        name = "simulate",
        mixinStandardHelpOptions = true,
        description = {
            "Predicts a scenario's send and delivery latency, publishes per message and the utilisation of every "
                    + "component with the discrete-event model of the chat paths (decision 0230), its service "
                    + "times from the costs section of a live run's report.json.",
            "Each step of every phase that is not warm-up is one simulation at the step's rate for its duration, "
                    + "with the scenario's stack shape. The model holds CPU only (no network, no disk, no cores shared "
                    + "between processes): it is a first model, not yet checked against live runs.",
            "Exit 0 with a prediction, 2 when the scenario or the calibration cannot be read."
        })
public final class SimulateCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "SCENARIO.yaml")
    Path scenarioFile;

    @Option(names = "--calibration", required = true, paramLabel = "RUN/report.json")
    Path calibration;

    @Option(names = "--seed", description = "the model's seed (default: the scenario's)")
    Long seed;

    @Option(
            names = "--cores",
            defaultValue = "1",
            description = "cores of every service instance and JetStream node (default ${DEFAULT-VALUE})")
    int cores;

    @Option(names = "--out", paramLabel = "FILE", description = "also write the predictions as JSON to FILE")
    Path out;

    /** One step's prediction, as printed and written. */
    record Step(String phase, double rate, ChatPaths.Prediction prediction) {}

    @Override
    public Integer call() {
        Scenario scenario;
        Calibration costs;
        try {
            scenario = new ScenarioParser().parse(scenarioFile);
            costs = Calibration.read(calibration);
        } catch (InvalidScenario e) {
            e.errors().stream().map(ScenarioError::toString).forEach(System.err::println);
            return 2;
        } catch (RuntimeException e) {
            System.err.println("harness simulate: " + e.getMessage());
            return 2;
        }
        ChatPaths.Shape shape = new ChatPaths.Shape(
                scenario.stack().natsNodes(),
                scenario.stack().fanoutInstances(),
                scenario.stack().notificationInstances(),
                cores);
        List<Step> steps = new ArrayList<>();
        long modelSeed = seed != null ? seed : scenario.seed();
        for (Phase phase : scenario.phases()) {
            if (phase.warmup()) {
                continue;
            }
            for (Phase.RateStep step : phase.steps()) {
                ChatPaths.Prediction p = new ChatPaths(modelSeed, costs, shape)
                        .run(step.rate(), step.duration().toMillis() / 1000.0);
                steps.add(new Step(phase.name(), step.rate(), p));
                System.out.printf(
                        "%s at %.0f msg/s: send p50 %.2f p95 %.2f ms, delivery p50 %.2f p95 %.2f ms, "
                                + "%.2f publishes/message, busiest %s%n",
                        phase.name(),
                        step.rate(),
                        p.send().p50(),
                        p.send().p95(),
                        p.delivery().p50(),
                        p.delivery().p95(),
                        p.publishesPerMessage(),
                        p.firstToSaturate());
            }
        }
        return write(steps);
    }

    private int write(List<Step> steps) {
        if (out == null) {
            return 0;
        }
        Map<String, Object> document = new LinkedHashMap<>();
        document.put("scenario", scenarioFile.toString());
        document.put("calibration", calibration.toString());
        document.put("steps", steps);
        try {
            Files.writeString(out, ReportWriter.JSON.writeValueAsString(document));
            return 0;
        } catch (IOException e) {
            System.err.println("harness simulate: cannot write " + out + ": " + e.getMessage());
            return 2;
        }
    }
}
