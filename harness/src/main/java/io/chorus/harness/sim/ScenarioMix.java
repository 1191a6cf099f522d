package io.chorus.harness.sim;

import io.chorus.harness.population.PopulationPlan;
import io.chorus.harness.scenario.Phase;
import io.chorus.harness.scenario.Scenario;
import io.chorus.harness.workload.Arrival;
import io.chorus.harness.workload.ArrivalFeeder;
import io.chorus.harness.workload.GatlingWorkload;
import io.chorus.harness.workload.OnlinePlacement;
import java.util.BitSet;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * What one message of a scenario's phase costs the fan-out and the notification instances, from the scenario
 * itself: the population plan, the online users and their placement on the instances, and the very channels the
 * phase's sends go to (the run's own draw: its {@link ArrivalFeeder} with the seed the workload gives it). A
 * channel's message is published once to every instance holding one of its online members (the sender's own socket
 * included) and written as one frame per online member; the mix is the mean over the phase's sends.
 *
 * @param publishesPerMessage mean publishes from fan-out to instances per message
 * @param framesPerMessage mean frames written per message
 */
public record ScenarioMix(double publishesPerMessage, double framesPerMessage) {
    /** The mix of {@code phase}'s sends in {@code scenario}. */
    public static ScenarioMix of(Scenario scenario, Phase phase) {
        PopulationPlan plan = new PopulationPlan(scenario.population(), scenario.seed());
        List<String> online =
                plan.onlineUsers(scenario.online().users(), scenario.online().membersOf());
        Map<String, Integer> placement = OnlinePlacement.place(
                online, scenario.online(), scenario.stack().notificationInstances(), scenario.seed());
        int number = scenario.phases().indexOf(phase);
        ArrivalFeeder feeder = new ArrivalFeeder(plan, phase, "mix", GatlingWorkload.feederSeed(plan, number));
        Map<String, long[]> byChannel = new HashMap<>(); // channel -> [publishes, frames]
        long sends = 0;
        long publishes = 0;
        long frames = 0;
        for (Iterator<Arrival> arrivals = feeder.from(0); arrivals.hasNext(); ) {
            long[] cost = byChannel.computeIfAbsent(arrivals.next().channel(), c -> cost(plan, placement, c));
            sends++;
            publishes += cost[0];
            frames += cost[1];
        }
        return sends == 0
                ? new ScenarioMix(0, 0)
                : new ScenarioMix((double) publishes / sends, (double) frames / sends);
    }

    /** A channel's publishes (instances holding an online member) and frames (online members) per message. */
    private static long[] cost(PopulationPlan plan, Map<String, Integer> placement, String channel) {
        int split = channel.lastIndexOf('-');
        String group = channel.substring(0, split);
        long index = Long.parseLong(channel.substring(split + 1));
        BitSet instances = new BitSet();
        long[] frames = {0};
        plan.forEachMember(group, index, member -> {
            Integer instance = placement.get(PopulationPlan.user(member));
            if (instance != null) {
                instances.set(instance);
                frames[0]++;
            }
        });
        return new long[] {instances.cardinality(), frames[0]};
    }
}
