package io.chorus.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dropwizard.configuration.ConfigurationValidationException;
import io.dropwizard.configuration.YamlConfigurationFactory;
import io.dropwizard.jackson.Jackson;
import io.dropwizard.jersey.validation.Validators;
import java.io.File;
import org.junit.jupiter.api.Test;

/**
 * The shipped config.example.yml carries a published secret: refused as it is, loadable with the development flag
 * ({@code -Ddw.auth.allowExampleSecret=true}, decision 0102).
 */
class ExampleConfigTest {
    private static final String FLAG = "dw.auth.allowExampleSecret";
    private final YamlConfigurationFactory<QueryConfiguration> factory = new YamlConfigurationFactory<>(
            QueryConfiguration.class, Validators.newValidator(), Jackson.newObjectMapper(), "dw");

    @Test
    void theExampleIsRefusedWithoutTheDevelopmentFlag() {
        assertThatThrownBy(() -> factory.build(new File("config.example.yml")))
                .isInstanceOf(ConfigurationValidationException.class)
                .hasMessageContaining("example secret published with Chorus");
    }

    @Test
    void theExampleLoadsWithTheDevelopmentFlag() throws Exception {
        System.setProperty(FLAG, "true");
        try {
            QueryConfiguration config = factory.build(new File("config.example.yml"));
            assertThat(config.getAuth().getIssuer()).isEqualTo("chorus-development");
            assertThat(config.getAuth().getAudience()).isEqualTo("chorus");
            assertThat(config.getAuth().build()).isNotNull();
        } finally {
            System.clearProperty(FLAG);
        }
    }
}
