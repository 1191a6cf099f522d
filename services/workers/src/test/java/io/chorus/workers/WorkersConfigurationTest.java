package io.chorus.workers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.chorus.workers.core.WorkerPool;
import io.dropwizard.configuration.ConfigurationValidationException;
import io.dropwizard.configuration.ResourceConfigurationSourceProvider;
import io.dropwizard.configuration.YamlConfigurationFactory;
import io.dropwizard.jackson.Jackson;
import io.dropwizard.jersey.validation.Validators;
import java.io.File;
import org.junit.jupiter.api.Test;

class WorkersConfigurationTest {
    private final YamlConfigurationFactory<WorkersConfiguration> factory = new YamlConfigurationFactory<>(
            WorkersConfiguration.class, Validators.newValidator(), Jackson.newObjectMapper(), "dw");

    @Test
    void theExampleConfigIsValid() throws Exception {
        WorkersConfiguration config = factory.build(new File("config.example.yml"));
        assertThat(config.getPool()).isEqualTo(WorkerPool.MESSAGE_WRITER);
        assertThat(config.getCassandra()).isNotNull();
        assertThat(config.getMessageWriter().getFetchWait()).isEqualTo(java.time.Duration.ofMillis(100));
    }

    @Test
    void aPoolWithoutItsStoreIsRefused() {
        assertThatThrownBy(() -> factory.build(new ResourceConfigurationSourceProvider(), "meta-writer-without-mongo.yml"))
                .isInstanceOf(ConfigurationValidationException.class)
                .hasMessageContaining("the pool's stores must be configured");
    }

    @Test
    void anUnknownPoolIsRefusedByName() {
        assertThatThrownBy(() -> WorkerPool.named("mailer")).hasMessageContaining("unknown worker pool 'mailer'");
    }
}
