package io.chorus.notification;

import static org.assertj.core.api.Assertions.assertThat;

import io.chorus.common.config.ExampleConfigContract;
import java.time.Duration;
import java.util.List;

class ExampleConfigTest extends ExampleConfigContract<NotificationConfiguration> {
    ExampleConfigTest() {
        super(NotificationConfiguration.class, NotificationConfiguration::getAuth);
    }

    @Override
    protected List<String> deploymentConfigurations() {
        return List.of(
                "compose/config/notification-1.yml",
                "compose/config/notification-2.yml",
                "compose/k8s/config/notification.yml");
    }

    @Override
    protected void checkExample(NotificationConfiguration example) {
        assertThat(example.getInstanceId()).isEqualTo("notification-1");
        assertThat(example.getWebsocket().getIdleTimeout()).isEqualTo(Duration.ofSeconds(60));
        assertThat(example.getWebsocket().getAuthTimeout()).isEqualTo(Duration.ofSeconds(10));
        assertThat(example.getWebsocket().getAnnounceTimeout()).isEqualTo(Duration.ofSeconds(2));
        assertThat(example.plantedBug()).as("a shipped file plants no bug").isEmpty();
    }
}
