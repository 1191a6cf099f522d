package io.chorus.harness.checker;

import io.chorus.harness.history.History;
import io.chorus.harness.history.Sample;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;

/**
 * The fan-out's cost, from samples read during the run: publishes per acknowledged message (the growth of every
 * fan-out instance's {@value #PUBLISHES} counter over the run, summed, over the 202s), and the most NATS event
 * subscriptions any notification instance held ({@value #SUBSCRIPTIONS} gauge).
 */
public final class CostChecker implements Checker<CostChecker.Result> {
    public static final String NAME = "cost";
    public static final String PUBLISHES = "fanout.publishes";
    public static final String SUBSCRIPTIONS = "notification.nats_subscriptions";

    public record Result(
            Double publishesPerMessage, Double subscriptionsPerInstance, Map<String, Double> subscriptionsBySource)
            implements CheckResult {
        @Override
        public List<Measurement> measurements() {
            List<Measurement> m = new ArrayList<>();
            if (publishesPerMessage != null) {
                m.add(Measurement.of("fanout.publishes_per_message", publishesPerMessage));
            }
            if (subscriptionsPerInstance != null) {
                m.add(Measurement.of("nats.subscriptions_per_instance", subscriptionsPerInstance));
            }
            return m;
        }
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Result check(History history) {
        Map<String, double[]> publishes = new HashMap<>(); // source -> [first, last]
        Map<String, Double> subscriptions = new LinkedHashMap<>();
        history.of(Sample.class).forEach(s -> {
            if (s.metric().equals(PUBLISHES)) {
                publishes.computeIfAbsent(s.source(), k -> new double[] {s.value(), s.value()})[1] = s.value();
            } else if (s.metric().equals(SUBSCRIPTIONS)) {
                subscriptions.merge(s.source(), s.value(), Math::max);
            }
        });
        long acked = new Sends(history).acked.size();
        Double perMessage = publishes.isEmpty() || acked == 0
                ? null
                : publishes.values().stream().mapToDouble(v -> v[1] - v[0]).sum() / acked;
        OptionalDouble max =
                subscriptions.values().stream().mapToDouble(Double::doubleValue).max();
        return new Result(perMessage, max.isPresent() ? max.getAsDouble() : null, subscriptions);
    }
}
