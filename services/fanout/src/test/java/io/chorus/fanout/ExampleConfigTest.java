package io.chorus.fanout;

import static org.assertj.core.api.Assertions.assertThat;

import io.dropwizard.configuration.YamlConfigurationFactory;
import io.dropwizard.jackson.Jackson;
import io.dropwizard.jersey.validation.Validators;
import java.io.File;
import org.junit.jupiter.api.Test;

/** The shipped config.example.yml loads (the fan-out checks no tokens, so it carries no secret). */
class ExampleConfigTest {
    @Test
    void theExampleLoads() throws Exception {
        FanoutConfiguration config = new YamlConfigurationFactory<>(FanoutConfiguration.class,
                Validators.newValidator(), Jackson.newObjectMapper(), "dw").build(new File("config.example.yml"));
        assertThat(config).isNotNull();
    }
}
