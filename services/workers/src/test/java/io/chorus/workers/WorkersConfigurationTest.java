package io.chorus.workers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.chorus.workers.core.PlantedBug;
import io.chorus.workers.core.WorkerPool;
import io.dropwizard.configuration.ConfigurationValidationException;
import io.dropwizard.configuration.ResourceConfigurationSourceProvider;
import io.dropwizard.configuration.YamlConfigurationFactory;
import io.dropwizard.jackson.Jackson;
import io.dropwizard.jersey.validation.Validators;
import org.junit.jupiter.api.Test;

class WorkersConfigurationTest {
    private final YamlConfigurationFactory<WorkersConfiguration> factory = new YamlConfigurationFactory<>(
            WorkersConfiguration.class, Validators.newValidator(), Jackson.newObjectMapper(), "dw");

    @Test
    void aPoolWithoutItsStoreIsRefused() {
        assertThatThrownBy(
                        () -> factory.build(new ResourceConfigurationSourceProvider(), "meta-writer-without-mongo.yml"))
                .isInstanceOf(ConfigurationValidationException.class)
                .hasMessageContaining("the pool's stores must be configured");
    }

    @Test
    void aStoreThePoolDoesNotWriteIsNotHandedToItsBundle() throws Exception {
        WorkersConfiguration config =
                factory.build(new ResourceConfigurationSourceProvider(), "meta-writer-with-cassandra.yml");
        assertThat(config.getMongo()).isNotNull();
        assertThat(config.getCassandra()).isNull();
        assertThat(config.getElasticsearch()).isNull();
    }

    @Test
    void anUnknownPoolIsRefusedByName() {
        assertThatThrownBy(() -> WorkerPool.named("mailer")).hasMessageContaining("unknown worker pool 'mailer'");
    }

    @Test
    void aPlantedBugIsRefusedWithoutTheTestOnlyFlag() {
        assertThatThrownBy(() ->
                        factory.build(new ResourceConfigurationSourceProvider(), "message-writer-planted-bug.yml"))
                .isInstanceOf(ConfigurationValidationException.class)
                .hasMessageContaining("plantedBug makes the message writer lose messages on purpose");
    }

    @Test
    void aPlantedBugRunsOnlyWhereATestAllowsIt() throws Exception {
        WorkersConfiguration planted =
                factory.build(new ResourceConfigurationSourceProvider(), "message-writer-planted-bug-allowed.yml");
        assertThat(planted.getMessageWriter().plantedBug()).contains(PlantedBug.ACK_BEFORE_WRITE);

        WorkersConfiguration shipped =
                factory.build(new ResourceConfigurationSourceProvider(), "meta-writer-with-cassandra.yml");
        assertThat(shipped.getMessageWriter().plantedBug()).isEmpty();
    }

    @Test
    void anUnknownPlantedBugIsRefusedByName() {
        assertThatThrownBy(() -> PlantedBug.named("drop-everything"))
                .hasMessageContaining("unknown planted bug 'drop-everything', expected one of ack-before-write");
    }
}
