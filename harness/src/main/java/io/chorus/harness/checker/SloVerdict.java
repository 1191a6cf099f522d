package io.chorus.harness.checker;

import io.chorus.harness.scenario.Slo;
import java.util.List;
import java.util.Map;

/**
 * One SLO judged on the measurement of its metric: the value measured (null when the run measured nothing for the
 * metric, which fails the SLO: an objective nobody measured is not met).
 */
public record SloVerdict(
        String metric, String bound, double threshold, String unit, Double actual, boolean passed, String message) {

    /** Each SLO on the measurement of the metric it names, in the SLOs' order. */
    public static List<SloVerdict> judge(List<Slo> slos, Map<String, Measurement> measured) {
        return slos.stream().map(s -> judge(s, measured.get(s.metric()))).toList();
    }

    /** @param measured null when the run measured nothing for the SLO's metric */
    public static SloVerdict judge(Slo slo, Measurement measured) {
        String unit = measured != null
                ? measured.metric().unit()
                : Metric.find(slo.metric()).map(Metric::unit).orElse("");
        if (measured == null || Double.isNaN(measured.value())) {
            return new SloVerdict(
                    slo.metric(),
                    slo.bound().symbol,
                    slo.threshold(),
                    unit,
                    null,
                    false,
                    "no data: the run measured no " + slo.metric());
        }
        double actual = measured.value();
        boolean passed = slo.bound().holds(actual, slo.threshold());
        String message = slo.metric() + " = " + Slo.formatNumber(actual) + " " + unit
                + (passed ? ", within " : ", breaches ") + slo.bound().symbol + " " + Slo.formatNumber(slo.threshold());
        return new SloVerdict(slo.metric(), slo.bound().symbol, slo.threshold(), unit, actual, passed, message);
    }
}
