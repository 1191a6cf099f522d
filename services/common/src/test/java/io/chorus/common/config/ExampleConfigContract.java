package io.chorus.common.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.chorus.common.auth.JwtFactory;
import io.dropwizard.configuration.ConfigurationValidationException;
import io.dropwizard.configuration.FileConfigurationSourceProvider;
import io.dropwizard.configuration.SubstitutingSourceProvider;
import io.dropwizard.configuration.YamlConfigurationFactory;
import io.dropwizard.core.Configuration;
import io.dropwizard.jackson.Jackson;
import io.dropwizard.jersey.validation.Validators;
import java.io.File;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Function;
import org.apache.commons.text.StringSubstitutor;
import org.junit.jupiter.api.Test;

/**
 * A service's shipped {@code config.example.yml} loads as Dropwizard's {@code server} command would load it: every
 * block and every duration in the form its configuration class takes (decision 0150). A service that checks
 * tokens ships the published development secret: refused as it is, loadable with the development flag
 * ({@code -Ddw.auth.allowExampleSecret=true}, decision 0102). Each service's {@code ExampleConfigTest} extends this
 * and checks what its example sets.
 */
public abstract class ExampleConfigContract<C extends Configuration> {
    private static final String FLAG = "dw.auth.allowExampleSecret";

    private final YamlConfigurationFactory<C> factory;
    private final Function<C, JwtFactory> auth;

    /** A service that checks no tokens: its example carries no secret. */
    protected ExampleConfigContract(Class<C> type) {
        this(type, null);
    }

    /** A service that checks tokens with the {@code auth} block {@code auth} reads. */
    protected ExampleConfigContract(Class<C> type, Function<C, JwtFactory> auth) {
        this.factory = new YamlConfigurationFactory<>(type, Validators.newValidator(), Jackson.newObjectMapper(), "dw");
        this.auth = auth;
    }

    /** What the example sets, as the service reads it. */
    protected abstract void checkExample(C example);

    /** This service's configuration files under {@code compose/}, relative to the repository. */
    protected List<String> deploymentConfigurations() {
        return List.of();
    }

    @Test
    void theDeploymentConfigurationsLoadWithTheirSecretsFromTheEnvironment() throws Exception {
        Path repository = Path.of("..", "..");
        for (String path : deploymentConfigurations()) {
            assertThat(repository.resolve(path)).isRegularFile();
            C config = factory.build(
                    new SubstitutingSourceProvider(new FileConfigurationSourceProvider(), deploymentEnvironment()),
                    repository.resolve(path).toString());
            if (auth != null) {
                assertThat(auth.apply(config).build()).as(path).isNotNull();
            }
        }
    }

    /** What a deployment's environment gives every variable: a random-looking secret, a MongoDB URI, a pod name. */
    private static StringSubstitutor deploymentEnvironment() {
        StringSubstitutor substitutor = new StringSubstitutor(name -> switch (name) {
            case "CHORUS_MONGO_URI" -> "mongodb://chorus:password@chorus-mongo-svc:27017/?replicaSet=chorus-mongo";
            case "POD_NAME" -> "notification-5d4f8b7c9-x2x7q";
            default -> "deployment-secret-" + Integer.toHexString(name.hashCode()) + "-0123456789abcdef0123";
        });
        substitutor.setEnableUndefinedVariableException(true);
        return substitutor;
    }

    @Test
    void theExampleLoads() throws Exception {
        C example = auth == null ? load() : loadWithTheDevelopmentFlag();
        if (auth != null) {
            JwtFactory tokens = auth.apply(example);
            assertThat(tokens.getIssuer()).isEqualTo("chorus-development");
            assertThat(tokens.getAudience()).isEqualTo("chorus");
            assertThat(tokens.build()).isNotNull();
        }
        checkExample(example);
    }

    @Test
    void thePublishedSecretIsRefusedWithoutTheDevelopmentFlag() {
        assumeTrue(auth != null, "this service checks no tokens, so its example carries no secret");
        assertThatThrownBy(this::load)
                .isInstanceOf(ConfigurationValidationException.class)
                .hasMessageContaining("example secret published with Chorus");
    }

    private C load() throws Exception {
        return factory.build(new File("config.example.yml"));
    }

    private C loadWithTheDevelopmentFlag() throws Exception {
        System.setProperty(FLAG, "true");
        try {
            return load();
        } finally {
            System.clearProperty(FLAG);
        }
    }
}
