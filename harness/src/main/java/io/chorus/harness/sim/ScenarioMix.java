package io.chorus.harness.sim;

import io.chorus.harness.population.PopulationPlan;
import io.chorus.harness.scenario.MembershipShape;
import io.chorus.harness.scenario.Phase;
import io.chorus.harness.scenario.Scenario;
import io.chorus.harness.workload.OnlinePlacement;
import java.util.BitSet;
import java.util.List;
import java.util.Map;

/**
 * What one message of a scenario's phase costs the fan-out and the notification instances, from the scenario
 * itself: the population plan, the online users and their placement on the instances, and how the phase picks its
 * channels, exactly as a run draws them. A channel's message is published once to every instance holding one of its
 * online members (the sender's own socket included) and written as one frame per online member; the mix is the mean
 * over the phase's channels, each weighted by the chance the phase sends to it.
 *
 * <p>A group of more than {@link #CHANNELS_SAMPLED} channels is read at that many evenly spaced channels.
 *
 * @param publishesPerMessage mean publishes from fan-out to instances per message
 * @param framesPerMessage mean frames written per message
 */
public record ScenarioMix(double publishesPerMessage, double framesPerMessage) {
    static final int CHANNELS_SAMPLED = 2_000;

    /** The mix of {@code phase}'s sends in {@code scenario}. */
    public static ScenarioMix of(Scenario scenario, Phase phase) {
        PopulationPlan plan = new PopulationPlan(scenario.population(), scenario.seed());
        List<String> online =
                plan.onlineUsers(scenario.online().users(), scenario.online().membersOf());
        Map<String, Integer> placement = OnlinePlacement.place(
                online, scenario.online(), scenario.stack().notificationInstances(), scenario.seed());
        long totalChannels = phase.channels().stream()
                .mapToLong(g -> plan.shape(g).channels())
                .sum();
        double publishes = 0;
        double frames = 0;
        for (String group : phase.channels()) {
            MembershipShape shape = plan.shape(group);
            double groupWeight = phase.pick() == Phase.Pick.GROUPS
                    ? 1.0 / phase.channels().size()
                    : (double) shape.channels() / totalChannels;
            long sampled = Math.min(shape.channels(), CHANNELS_SAMPLED);
            long groupPublishes = 0;
            long[] groupFrames = {0};
            for (long i = 0; i < sampled; i++) {
                BitSet instances = new BitSet();
                plan.forEachMember(group, i * shape.channels() / sampled, member -> {
                    Integer instance = placement.get(PopulationPlan.user(member));
                    if (instance != null) {
                        instances.set(instance);
                        groupFrames[0]++;
                    }
                });
                groupPublishes += instances.cardinality();
            }
            publishes += groupWeight * groupPublishes / sampled;
            frames += groupWeight * groupFrames[0] / sampled;
        }
        return new ScenarioMix(publishes, frames);
    }
}
