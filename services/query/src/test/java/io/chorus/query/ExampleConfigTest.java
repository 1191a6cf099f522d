package io.chorus.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.chorus.common.config.ExampleConfigContract;
import io.dropwizard.configuration.ConfigurationValidationException;
import io.dropwizard.configuration.YamlConfigurationFactory;
import io.dropwizard.jackson.Jackson;
import io.dropwizard.jersey.validation.Validators;
import java.io.File;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The query service's example loads (the shared contract), and its cursor keys are published too: with the token
 * secret replaced, each example cursor key is still refused on its own.
 */
class ExampleConfigTest extends ExampleConfigContract<QueryConfiguration> {
    private static final String OWN_SECRET = "dw.auth.hmacSecret";
    private static final String SEARCH_KEY = "dw.searchCursorKey";
    private static final String PAGE_KEY = "dw.pageCursorKey";
    private final YamlConfigurationFactory<QueryConfiguration> factory = new YamlConfigurationFactory<>(
            QueryConfiguration.class, Validators.newValidator(), Jackson.newObjectMapper(), "dw");

    ExampleConfigTest() {
        super(QueryConfiguration.class, QueryConfiguration::getAuth);
    }

    @Override
    protected List<String> deploymentConfigurations() {
        return List.of("compose/config/query.yml", "compose/k8s/config/query.yml");
    }

    @Override
    protected void checkExample(QueryConfiguration example) {
        assertThat(example.getCassandra().getContactPoints()).containsExactly("127.0.0.1:9042");
        assertThat(example.getMongo().getDatabase()).isEqualTo("chorus");
        assertThat(example.getElasticsearch().getUrl()).isEqualTo("http://127.0.0.1:9200");
        assertThat(example.getPageCursorKey()).hasSizeGreaterThanOrEqualTo(32);
    }

    @Test
    void theExampleSearchCursorKeyIsRefusedWithoutTheDevelopmentFlag() {
        withProperties(
                () -> assertThatThrownBy(() -> factory.build(new File("config.example.yml")))
                        .isInstanceOf(ConfigurationValidationException.class)
                        .hasMessageContaining("searchCursorKey is an example secret")
                        .hasMessageNotContaining("hmacSecret is an example secret"),
                OWN_SECRET,
                ownKey('t'),
                PAGE_KEY,
                ownKey('p'));
    }

    @Test
    void theExamplePageCursorKeyIsRefusedWithoutTheDevelopmentFlag() {
        withProperties(
                () -> assertThatThrownBy(() -> factory.build(new File("config.example.yml")))
                        .isInstanceOf(ConfigurationValidationException.class)
                        .hasMessageContaining("pageCursorKey is an example secret")
                        .hasMessageNotContaining("hmacSecret is an example secret"),
                OWN_SECRET,
                ownKey('t'),
                SEARCH_KEY,
                ownKey('s'));
    }

    @Test
    void ownKeysLoadWithoutTheDevelopmentFlag() {
        withProperties(
                () -> assertThat(factory.build(new File("config.example.yml")).getPageCursorKey())
                        .isEqualTo(ownKey('p')),
                OWN_SECRET,
                ownKey('t'),
                SEARCH_KEY,
                ownKey('s'),
                PAGE_KEY,
                ownKey('p'));
    }

    private static String ownKey(char fill) {
        return String.valueOf(fill).repeat(40);
    }

    /** Runs the check with the given {@code dw.} overrides set, clearing them after. */
    private static void withProperties(ThrowingCheck check, String... namesAndValues) {
        for (int i = 0; i < namesAndValues.length; i += 2) {
            System.setProperty(namesAndValues[i], namesAndValues[i + 1]);
        }
        try {
            check.run();
        } catch (Exception e) {
            throw new AssertionError(e);
        } finally {
            for (int i = 0; i < namesAndValues.length; i += 2) {
                System.clearProperty(namesAndValues[i]);
            }
        }
    }

    private interface ThrowingCheck {
        void run() throws Exception;
    }
}
