package io.chorus.common.config;

import io.dropwizard.configuration.SubstitutingSourceProvider;
import io.dropwizard.configuration.YamlConfigurationFactory;
import io.dropwizard.jackson.Jackson;
import io.dropwizard.jersey.validation.Validators;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.apache.commons.text.StringSubstitutor;

/** One configuration block read as a service reads its file: {@code ${NAME}} from the given environment, validated. */
public final class ConfigBlocks {
    private ConfigBlocks() {}

    public static <T> T read(Class<T> type, String yaml, Map<String, String> environment) throws Exception {
        StringSubstitutor substitutor = new StringSubstitutor(environment);
        substitutor.setEnableUndefinedVariableException(true);
        return new YamlConfigurationFactory<>(type, Validators.newValidator(), Jackson.newObjectMapper(), "dw")
                .build(
                        new SubstitutingSourceProvider(
                                path -> new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8)), substitutor),
                        "config.yml");
    }

    public static <T> T read(Class<T> type, String yaml) throws Exception {
        return read(type, yaml, Map.of());
    }
}
