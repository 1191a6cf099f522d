package io.chorus.common.elasticsearch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.chorus.common.config.ConfigBlocks;
import java.util.Arrays;
import java.util.Map;
import org.apache.http.Header;
import org.elasticsearch.client.RestClient;
import org.junit.jupiter.api.Test;

class ElasticsearchFactoryTest {
    @Test
    void anApiKeyFromTheEnvironmentGoesWithEveryRequest() throws Exception {
        ElasticsearchFactory elasticsearch = ConfigBlocks.read(
                ElasticsearchFactory.class,
                "url: https://elasticsearch:9200\napiKey: ${CHORUS_ELASTICSEARCH_API_KEY}\ntls: {}\n",
                Map.of("CHORUS_ELASTICSEARCH_API_KEY", "VnVhQ2ZHY0JDZGJrUW0tZTVhT3g6dWkybHAyYXhUTm1zeWFrdzl0dk5udw=="));

        Header[] headers = elasticsearch.defaultHeaders();

        assertThat(Arrays.stream(headers).map(h -> h.getName() + ": " + h.getValue()))
                .containsExactly("Authorization: ApiKey VnVhQ2ZHY0JDZGJrUW0tZTVhT3g6dWkybHAyYXhUTm1zeWFrdzl0dk5udw==");
        assertThat(elasticsearch.sslContext()).isPresent();
        try (RestClient client = elasticsearch.restClient().build()) {
            assertThat(client.getNodes().get(0).getHost().getSchemeName()).isEqualTo("https");
        }
    }

    @Test
    void withoutAnApiKeyRequestsGoWithoutCredentials() throws Exception {
        ElasticsearchFactory elasticsearch =
                ConfigBlocks.read(ElasticsearchFactory.class, "url: http://elasticsearch:9200\n");

        assertThat(elasticsearch.defaultHeaders()).isEmpty();
        assertThat(elasticsearch.sslContext()).isEmpty();
    }

    @Test
    void aUserAndItsPasswordGoWithEveryRequestAsBasicAuthentication() throws Exception {
        ElasticsearchFactory elasticsearch = ConfigBlocks.read(
                ElasticsearchFactory.class,
                "url: http://elasticsearch:9200\nusername: chorus\npassword: ${CHORUS_ELASTICSEARCH_PASSWORD}\n",
                Map.of("CHORUS_ELASTICSEARCH_PASSWORD", "chorus-0a1b2c"));

        assertThat(Arrays.stream(elasticsearch.defaultHeaders()).map(h -> h.getName() + ": " + h.getValue()))
                .containsExactly("Authorization: Basic Y2hvcnVzOmNob3J1cy0wYTFiMmM=");
    }

    @Test
    void anApiKeyAndAUserTogetherAreRefused() {
        assertThatThrownBy(() -> ConfigBlocks.read(
                        ElasticsearchFactory.class, "apiKey: abc\nusername: chorus\npassword: secret\n"))
                .hasMessageContaining("either apiKey or username and password");
        assertThatThrownBy(() -> ConfigBlocks.read(ElasticsearchFactory.class, "username: chorus\n"))
                .hasMessageContaining("username and password go together");
    }
}
