package io.chorus.harness.workload;

import io.chorus.harness.scenario.OnlineSpec;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/** Puts each online user's connection on a notification instance, as the scenario's spread says. */
public final class OnlinePlacement {
    private OnlinePlacement() {}

    /** @return user to instance index ({@code 0..instances-1}), in the order of {@code users} */
    public static Map<String, Integer> place(List<String> users, OnlineSpec spec, int instances, long seed) {
        Map<String, Integer> placement = new LinkedHashMap<>();
        SplittableRandom random = new SplittableRandom(seed ^ 0x91AC3L);
        int total = spec.weights().stream().mapToInt(Integer::intValue).sum();
        for (int i = 0; i < users.size(); i++) {
            int instance = switch (spec.spread()) {
                case EVEN -> i % instances;
                case RANDOM -> random.nextInt(instances);
                case WEIGHTED -> weighted(spec.weights(), random.nextInt(total));
            };
            placement.put(users.get(i), instance);
        }
        return placement;
    }

    private static int weighted(List<Integer> weights, int draw) {
        int sum = 0;
        for (int i = 0; i < weights.size(); i++) {
            sum += weights.get(i);
            if (draw < sum) {
                return i;
            }
        }
        return weights.size() - 1;
    }
}
