package io.chorus.harness.checker;

import io.chorus.harness.scenario.Slo;

/**
 * One SLO judged: the value measured (null when the run measured nothing for the metric, which fails the SLO:
 * an objective nobody measured is not met).
 */
public record SloVerdict(String metric, String bound, double threshold, String unit, Double actual, boolean passed,
        String message) {

    public static SloVerdict judge(Slo slo, Double actual) {
        String unit = Metric.find(slo.metric()).map(Metric::unit).orElse("");
        if (actual == null || actual.isNaN()) {
            return new SloVerdict(slo.metric(), slo.bound().symbol, slo.threshold(), unit, null, false,
                    "no data: the run measured no " + slo.metric());
        }
        boolean passed = slo.bound().holds(actual, slo.threshold());
        String message = slo.metric() + " = " + Slo.formatNumber(actual) + " " + unit + (passed ? ", within " : ", breaches ")
                + slo.bound().symbol + " " + Slo.formatNumber(slo.threshold());
        return new SloVerdict(slo.metric(), slo.bound().symbol, slo.threshold(), unit, actual, passed, message);
    }
}
