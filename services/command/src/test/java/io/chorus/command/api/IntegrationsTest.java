package io.chorus.command.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import org.junit.jupiter.api.Test;

class IntegrationsTest {
    private final ObjectMapper json = new ObjectMapper();

    @Test
    void aListedHookOrTokenHasNoSecretFieldRatherThanANullOne() {
        JsonNode hook = json.valueToTree(
                new Integrations.StoredHook("h1", "c1", "deploys", "hash", "alice", "2026-12-07T00:00:00Z").view());
        assertThat(hook.has("secret")).isFalse();
        assertThat(hook.has("url")).isFalse();
        assertThat(hook.path("hookId").asText()).isEqualTo("h1");

        JsonNode token = json.valueToTree(new Integrations.BotToken(
                "t1", "b1", "ci", List.of("read"), null, "admin", "2026-12-07T00:00:00Z", null));
        assertThat(token.has("token")).isFalse();
        assertThat(token.has("channelIds")).isFalse();
        assertThat(token.path("scopes").get(0).asText()).isEqualTo("read");
    }
}
