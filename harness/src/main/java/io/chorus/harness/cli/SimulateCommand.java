package io.chorus.harness.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.chorus.harness.report.ReportWriter;
import io.chorus.harness.scenario.InvalidScenario;
import io.chorus.harness.scenario.Phase;
import io.chorus.harness.scenario.Scenario;
import io.chorus.harness.scenario.ScenarioError;
import io.chorus.harness.scenario.ScenarioParser;
import io.chorus.harness.sim.Calibration;
import io.chorus.harness.sim.ChatPaths;
import io.chorus.harness.sim.Hops;
import io.chorus.harness.sim.Scale;
import io.chorus.harness.sim.ScenarioMix;
import io.chorus.harness.sim.SimulationReport;
import io.chorus.harness.sim.SimulationReport.Step;
import java.io.IOException;
import java.io.UncheckedIOException;
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
            "Predicts a scenario's send and delivery latency, achieved rate, publishes per message and the "
                    + "utilisation of every component with the discrete-event model of the chat paths (decisions "
                    + "0230, 0232), its service times from the costs section of a live run's report.json, and judges "
                    + "the scenario's SLOs on the prediction.",
            "Each step of every phase that is not warm-up is one simulation at the step's rate for its duration, "
                    + "with the scenario's stack shape on one machine whose cores every process shares (the local "
                    + "stack), or with --per-process cores of its own for every instance and node.",
            "With --scale, a production deployment instead: per role its instances and the cores of each, the round "
                    + "trips between hosts, and optionally the rate and the channel mix's publishes and frames per "
                    + "message (docs/capacity.md).",
            "Writes OUT/report.json, OUT/junit.xml (a test case per SLO, skipped when not modelled) and "
                    + "OUT/report.html. Exit 0 when every SLO the model predicts holds, 1 when one breaches, 2 when "
                    + "the scenario or the calibration cannot be read."
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
            description = "cores of the shared machine (default: the calibration run's machine's), or with "
                    + "--per-process of every service instance and JetStream node (default 1)")
    Integer cores;

    @Option(
            names = "--per-process",
            description = "give every instance and node cores of its own, with nothing else beside it")
    boolean perProcess;

    @Option(
            names = "--scale",
            paramLabel = "SCALE.yaml",
            description = "project onto this deployment: instances and cores per component, hop round trips, rate")
    Path scaleFile;

    @Option(
            names = "--out",
            paramLabel = "DIR",
            description = "the report folder (default: reports/SCENARIO/simulated-seedN)")
    Path out;

    @Override
    public Integer call() {
        Scenario scenario;
        Calibration costs;
        Scale scale;
        try {
            scenario = new ScenarioParser().parse(scenarioFile);
            scale = scaleFile == null ? null : Scale.read(scaleFile);
            costs = Calibration.read(calibration);
            if (scale != null) {
                costs = costs.withMix(scale.publishesPerMessage(), scale.framesPerMessage());
            }
        } catch (InvalidScenario e) {
            e.errors().stream().map(ScenarioError::toString).forEach(System.err::println);
            return 2;
        } catch (RuntimeException e) {
            System.err.println("harness simulate: " + e.getMessage());
            return 2;
        }
        ChatPaths.Shape shape = scale != null ? scale.shape() : shape(scenario, costs);
        Hops hops = scale != null ? scale.hops() : Hops.LOOPBACK;
        long modelSeed = seed != null ? seed : scenario.seed();
        List<Step> steps = new ArrayList<>();
        long started = System.nanoTime();
        try {
            if (scale != null && scale.rate() != null) {
                steps.add(step(scale.name(), scale.rate(), scale.seconds(), costs, shape, hops, modelSeed));
            } else {
                boolean calibratedOnThisScenario = scenario.name().equals(calibratedScenario(calibration));
                for (Phase phase : scenario.phases()) {
                    if (phase.warmup()) {
                        continue;
                    }
                    Calibration phaseCosts = calibratedOnThisScenario ? costs : withScenarioMix(costs, scenario, phase);
                    for (Phase.RateStep step : phase.steps()) {
                        double seconds = step.duration().toMillis() / 1000.0;
                        steps.add(step(phase.name(), step.rate(), seconds, phaseCosts, shape, hops, modelSeed));
                    }
                }
            }
        } catch (IllegalArgumentException e) {
            System.err.println("harness simulate: " + e.getMessage());
            return 2;
        }
        System.out.printf("simulated in %.1f s of wall time%n", (System.nanoTime() - started) / 1e9);
        SimulationReport report =
                SimulationReport.of(describe(scenario, modelSeed), model(shape, hops, costs), scenario.slos(), steps);
        report.slos().forEach(v -> System.out.println((v.passed() ? "held: " : "BREACHED: ") + v.message()));
        if (!report.notModelled().isEmpty()) {
            System.out.println("not modelled, not judged: " + String.join(", ", report.notModelled()));
        }
        Path folder = out != null ? out : Path.of("reports", scenario.name(), "simulated-seed" + modelSeed);
        try {
            new ReportWriter().write(report, folder);
        } catch (UncheckedIOException e) {
            System.err.println("harness simulate: cannot write " + folder + ": " + e.getMessage());
            return 2;
        }
        System.out.println("report: " + folder.resolve("report.json"));
        return report.passed() ? 0 : 1;
    }

    private static Step step(
            String phase,
            double rate,
            double seconds,
            Calibration costs,
            ChatPaths.Shape shape,
            Hops hops,
            long modelSeed) {
        ChatPaths.Prediction p = new ChatPaths(modelSeed, costs, shape, hops).run(rate, seconds);
        print(phase, rate, p);
        return Step.of(phase, rate, p);
    }

    /** The name of the scenario a calibration run ran ({@code scenario.name} of its report), or null. */
    private static String calibratedScenario(Path report) {
        try {
            JsonNode name = new ObjectMapper()
                    .readTree(report.toFile())
                    .path("scenario")
                    .path("name");
            return name.isTextual() ? name.asText() : null;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + report, e);
        }
    }

    /**
     * Another scenario than the calibration's sends over another channel mix: its publishes and frames per message
     * are the scenario's own ({@link ScenarioMix}), the costs per message and per frame the calibration's.
     */
    private static Calibration withScenarioMix(Calibration costs, Scenario scenario, Phase phase) {
        ScenarioMix mix = ScenarioMix.of(scenario, phase);
        System.out.printf(
                "%s: channel mix of the scenario: %.4f publishes, %.2f frames per message%n",
                phase.name(), mix.publishesPerMessage(), mix.framesPerMessage());
        return costs.withMix(mix.publishesPerMessage(), mix.framesPerMessage());
    }

    private ChatPaths.Shape shape(Scenario scenario, Calibration costs) {
        int nats = scenario.stack().natsNodes();
        int fanout = scenario.stack().fanoutInstances();
        int notification = scenario.stack().notificationInstances();
        if (perProcess) {
            return ChatPaths.Shape.perProcess(nats, fanout, notification, cores != null ? cores : 1);
        }
        int machine = cores != null ? cores : Math.max(1, costs.machineCores());
        if (cores == null && costs.machineCores() == 0) {
            System.out.println("the calibration does not say its machine's cores: 1 assumed (give --cores)");
        }
        return ChatPaths.Shape.sharedMachine(nats, fanout, notification, machine);
    }

    private Map<String, Object> describe(Scenario scenario, long modelSeed) {
        Map<String, Object> described = new LinkedHashMap<>();
        described.put("name", scenario.name());
        described.put("file", scenarioFile.toString());
        described.put("seed", modelSeed);
        return described;
    }

    private Map<String, Object> model(ChatPaths.Shape shape, Hops hops, Calibration costs) {
        Map<String, Object> model = new LinkedHashMap<>();
        model.put("calibration", calibration.toString());
        if (scaleFile != null) {
            model.put("scaleFile", scaleFile.toString());
        }
        model.put("shape", shape);
        model.put("hops", hops);
        model.put("costs", costs);
        return model;
    }

    private static void print(String phase, double rate, ChatPaths.Prediction p) {
        System.out.printf(
                "%s at %.0f msg/s: send p50 %.2f p95 %.2f ms, delivery p50 %.2f p95 %.2f ms, "
                        + "%.2f publishes/message, busiest %s%s%n",
                phase,
                rate,
                p.send().p50(),
                p.send().p95(),
                p.delivery().p50(),
                p.delivery().p95(),
                p.publishesPerMessage(),
                p.firstToSaturate(),
                p.machine() == null
                        ? ""
                        : String.format(", machine %.0f%% busy", p.machine().utilisation() * 100));
    }
}
