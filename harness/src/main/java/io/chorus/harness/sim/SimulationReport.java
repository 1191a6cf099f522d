package io.chorus.harness.sim;

import io.chorus.harness.checker.LatencySummary;
import io.chorus.harness.checker.Measurement;
import io.chorus.harness.checker.Metric;
import io.chorus.harness.checker.SloVerdict;
import io.chorus.harness.scenario.Slo;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What {@code harness simulate} writes as {@code report.json}: the metrics the model predicts, named as a run's
 * (decision 0234), per step and for the scenario, and the scenario's SLOs judged on them as a run's are. A
 * scenario's figure is its worst step's (the highest latency, the lowest achieved ratio), so a projection holds its
 * SLOs only when every step does. An SLO on a metric the model does not predict (loss, order, errors, ...) is not
 * judged: it is listed under {@code notModelled}.
 *
 * @param kind always {@code simulation}, so no reader takes it for a run
 * @param scenario the scenario's name, file and the model's seed
 * @param model the shape, hop delays and calibration the prediction was made with
 * @param firstToSaturate the busiest component of the scenario's busiest step
 */
public record SimulationReport(
        String kind,
        Map<String, Object> scenario,
        Map<String, Object> model,
        Map<String, Double> metrics,
        List<SloVerdict> slos,
        List<String> notModelled,
        boolean passed,
        String firstToSaturate,
        List<Step> steps) {

    /** One step of one phase, simulated on its own at the step's rate for its duration. */
    public record Step(String phase, double rate, Map<String, Double> metrics, ChatPaths.Prediction prediction) {
        public static Step of(String phase, double rate, ChatPaths.Prediction p) {
            return new Step(phase, rate, predicted(rate, p), p);
        }
    }

    public static SimulationReport of(
            Map<String, Object> scenario, Map<String, Object> model, List<Slo> slos, List<Step> steps) {
        Map<String, Double> worst = worstOf(steps);
        Map<String, Measurement> measured = new LinkedHashMap<>();
        worst.forEach((name, value) -> measured.put(name, Measurement.of(name, value)));
        List<Slo> judged =
                slos.stream().filter(s -> worst.containsKey(s.metric())).toList();
        List<String> notModelled = slos.stream()
                .map(Slo::metric)
                .filter(m -> !worst.containsKey(m))
                .toList();
        List<SloVerdict> verdicts = SloVerdict.judge(judged, measured);
        String busiest = steps.stream()
                .max(Comparator.comparingDouble(SimulationReport::machineLoad))
                .map(s -> s.prediction().firstToSaturate())
                .orElse(null);
        return new SimulationReport(
                "simulation",
                scenario,
                model,
                worst,
                verdicts,
                notModelled,
                verdicts.stream().allMatch(SloVerdict::passed),
                busiest,
                steps);
    }

    /** The run metrics one step's prediction gives, in the catalog's names and units. */
    static Map<String, Double> predicted(double rate, ChatPaths.Prediction p) {
        Map<String, Double> m = new LinkedHashMap<>();
        put(m, "send.latency.", p.send());
        put(m, "delivery.latency.", p.delivery());
        m.put("messages.offered", (double) p.messages());
        m.put("rate.offered", rate);
        m.put("rate.achieved", p.achievedRate());
        // over the sends the model made, not the nominal rate: a Poisson count is not the run's paced one
        m.put("rate.achieved_ratio", p.messages() == 0 ? 1.0 : p.achievedRate() * p.seconds() / p.messages());
        m.put("fanout.publishes_per_message", p.publishesPerMessage());
        return m;
    }

    private static void put(Map<String, Double> m, String prefix, LatencySummary summary) {
        if (summary.count() == 0) {
            return;
        }
        for (LatencySummary.Level level : LatencySummary.Level.values()) {
            m.put(prefix + level.label, level.of(summary));
        }
    }

    /** Per metric every step predicts, its worst value by the catalog's direction; counts and rates are per step. */
    private static Map<String, Double> worstOf(List<Step> steps) {
        Map<String, Double> worst = new LinkedHashMap<>();
        for (Step step : steps) {
            step.metrics().forEach((name, value) -> {
                if (name.startsWith("messages.") || name.equals("rate.offered") || name.equals("rate.achieved")) {
                    return;
                }
                boolean lowerIsBetter = Metric.find(name)
                        .map(metric -> metric.direction() == Metric.Direction.LOWER_IS_BETTER)
                        .orElse(true);
                worst.merge(name, value, (a, b) -> lowerIsBetter ? Math.max(a, b) : Math.min(a, b));
            });
        }
        return worst;
    }

    private static double machineLoad(Step step) {
        ChatPaths.Prediction p = step.prediction();
        if (p.machine() != null) {
            return p.machine().utilisation();
        }
        return p.stations().stream()
                .mapToDouble(Station.Stats::utilisation)
                .max()
                .orElse(0);
    }
}
