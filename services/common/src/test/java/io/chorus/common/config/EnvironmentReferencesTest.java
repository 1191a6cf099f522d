package io.chorus.common.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dropwizard.core.Application;
import io.dropwizard.core.Configuration;
import io.dropwizard.core.setup.Bootstrap;
import io.dropwizard.core.setup.Environment;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EnvironmentReferencesTest {
    @Test
    void aServiceReadsItsConfigurationFileWithTheReferencesReplaced(@TempDir Path dir) throws Exception {
        Bootstrap<Configuration> bootstrap = new Bootstrap<>(new Application<>() {
            @Override
            public void run(Configuration configuration, Environment environment) {}
        });
        Path config = Files.writeString(dir.resolve("config.yml"), "hmacSecret: ${PATH}\n");

        EnvironmentReferences.install(bootstrap);

        try (InputStream in = bootstrap.getConfigurationSourceProvider().open(config.toString())) {
            assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8))
                    .isEqualTo("hmacSecret: " + System.getenv("PATH") + "\n");
        }
    }

    @Test
    void aReferenceIsTheVariablesValue() {
        String path = System.getenv("PATH");
        assertThat(path).isNotNull();

        assertThat(EnvironmentReferences.substitutor().replace("hmacSecret: ${PATH}"))
                .isEqualTo("hmacSecret: " + path);
    }

    @Test
    void aReferenceToAnUnsetVariableStopsTheStartUpNamingIt() {
        assertThatThrownBy(() -> EnvironmentReferences.substitutor().replace("hmacSecret: ${CHORUS_UNSET_FOR_TEST}"))
                .hasMessageContaining("CHORUS_UNSET_FOR_TEST");
    }

    @Test
    void aDefaultStandsInForAnUnsetVariable() {
        assertThat(EnvironmentReferences.substitutor().replace("level: ${CHORUS_UNSET_FOR_TEST:-INFO}"))
                .isEqualTo("level: INFO");
    }

    @Test
    void aConfigurationWithoutReferencesIsUnchanged() {
        String requestLog = "logFormat: \"%h %l [%t{dd/MMM/yyyy}] %i{X-Request-Id}\"";

        assertThat(EnvironmentReferences.substitutor().replace(requestLog)).isEqualTo(requestLog);
    }
}
