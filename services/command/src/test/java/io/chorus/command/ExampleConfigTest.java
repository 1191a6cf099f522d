package io.chorus.command;

import static org.assertj.core.api.Assertions.assertThat;

import io.chorus.common.config.ExampleConfigContract;
import java.time.Duration;
import java.util.List;

class ExampleConfigTest extends ExampleConfigContract<CommandConfiguration> {
    ExampleConfigTest() {
        super(CommandConfiguration.class, CommandConfiguration::getAuth);
    }

    @Override
    protected List<String> deploymentConfigurations() {
        return List.of("compose/config/command.yml", "compose/k8s/config/command.yml");
    }

    @Override
    protected void checkExample(CommandConfiguration example) {
        assertThat(example.getNats().getConnectionName()).isEqualTo("command");
        assertThat(example.getPermissionCacheBound()).isEqualTo(Duration.ofSeconds(1));
        assertThat(example.getAckTimeout()).isEqualTo(Duration.ofSeconds(2));
        assertThat(example.getRateLimit().getBurst()).isEqualTo(200);
    }
}
