package io.chorus.workers;

import static org.assertj.core.api.Assertions.assertThat;

import io.chorus.common.config.ExampleConfigContract;
import io.chorus.workers.core.WorkerPool;
import java.time.Duration;
import java.util.List;

class ExampleConfigTest extends ExampleConfigContract<WorkersConfiguration> {
    ExampleConfigTest() {
        super(WorkersConfiguration.class);
    }

    @Override
    protected List<String> deploymentConfigurations() {
        return List.of(
                "compose/config/message-writer.yml",
                "compose/k8s/config/message-writer.yml",
                "compose/config/meta-writer.yml",
                "compose/k8s/config/meta-writer.yml",
                "compose/config/search-indexer.yml",
                "compose/k8s/config/search-indexer.yml",
                "compose/config/push.yml",
                "compose/k8s/config/push.yml",
                "compose/config/webhook.yml",
                "compose/k8s/config/webhook.yml");
    }

    @Override
    protected void checkExample(WorkersConfiguration example) {
        assertThat(example.getPool()).isEqualTo(WorkerPool.MESSAGE_WRITER);
        assertThat(example.getCassandra()).isNotNull();
        assertThat(example.getMessageWriter().getFetchWait()).isEqualTo(Duration.ofMillis(100));
        assertThat(example.getMessageWriter().plantedBug())
                .as("a shipped file plants no bug")
                .isEmpty();
        assertThat(example.getMetaWriter().settings().ackWait()).isEqualTo(Duration.ofSeconds(60));
        assertThat(example.getMetaWriter().settings().retry().maxDelay()).isEqualTo(Duration.ofSeconds(10));
    }
}
