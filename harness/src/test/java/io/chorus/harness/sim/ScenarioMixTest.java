package io.chorus.harness.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.chorus.harness.scenario.Phase;
import io.chorus.harness.scenario.Scenario;
import io.chorus.harness.scenario.ScenarioParser;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * A scenario's own publishes and frames per message, from its population, online users, placement and the channels
 * its phases send to.
 */
class ScenarioMixTest {
    private static ScenarioMix steady(String file) throws Exception {
        Scenario scenario = new ScenarioParser().parse(Path.of("../scenarios", file));
        Phase steady =
                scenario.phases().stream().filter(p -> !p.warmup()).findFirst().orElseThrow();
        return ScenarioMix.of(scenario, steady);
    }

    @Test
    void aMillionMemberChannelIsOnePublishPerInstanceAndOneFramePerOnlineMember() throws Exception {
        ScenarioMix mix = steady("million-member.yaml");

        assertThat(mix.publishesPerMessage()).isEqualTo(4.0); // 5,000 online, spread evenly over 4 instances
        assertThat(mix.framesPerMessage()).isEqualTo(5_000.0);
    }

    @Test
    void theRunsOwnDrawOfChannelsGivesThePublishesALiveRunCounted() throws Exception {
        Scenario scenario = new ScenarioParser().parse(Path.of("../scenarios/predict-back.yaml"));
        double sends = 0;
        double publishes = 0;
        for (Phase phase : scenario.phases()) {
            ScenarioMix mix = ScenarioMix.of(scenario, phase);
            double count = phase.steps().get(0).rate() * phase.duration().toSeconds();
            sends += count;
            publishes += count * mix.publishesPerMessage();
        }

        // PredictedBackIT's first live run (every send acknowledged, no redelivery) counted 1.0014 publishes per
        // message; the expectation over the phases' channels is 0.97
        assertThat(publishes / sends).isCloseTo(1.0014, within(0.00005));
    }

    @Test
    void everyoneOnlineInChannelsOfTenOverTwoInstancesIsAlmostAlwaysTwoPublishes() throws Exception {
        ScenarioMix mix = steady("live-delivery.yaml");

        // 10 members each, every user online, users alternate between the 2 instances: a channel whose members
        // all sit on one instance is rare
        assertThat(mix.publishesPerMessage()).isBetween(1.95, 2.0);
        assertThat(mix.framesPerMessage()).isEqualTo(10.0);
    }
}
