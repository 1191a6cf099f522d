package io.chorus.fanout;

import static org.assertj.core.api.Assertions.assertThat;

import io.chorus.common.config.ExampleConfigContract;
import java.time.Duration;
import java.util.List;

class ExampleConfigTest extends ExampleConfigContract<FanoutConfiguration> {
    ExampleConfigTest() {
        super(FanoutConfiguration.class);
    }

    @Override
    protected List<String> deploymentConfigurations() {
        return List.of("compose/config/fanout-1.yml", "compose/k8s/config/fanout.yml");
    }

    @Override
    protected void checkExample(FanoutConfiguration example) {
        assertThat(example.getPartitions()).isEqualTo(1);
        assertThat(example.getRebuildTimeout()).isEqualTo(Duration.ofSeconds(5));
        assertThat(example.getInstanceCheckInterval()).isEqualTo(Duration.ofSeconds(1));
        assertThat(example.plantedBug()).as("a shipped file plants no bug").isEmpty();
    }
}
