package io.chorus.command.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.chorus.common.api.ApiException;
import org.junit.jupiter.api.Test;

class WebhookRulesTest {
    @Test
    void aFailureIdIsAPositiveSequence() {
        assertThat(WebhookRules.failureId("1")).isEqualTo(1L);
        assertThat(WebhookRules.failureId("9223372036854775807")).isEqualTo(Long.MAX_VALUE);
        for (String bad : new String[] {"0", "-3", "abc", "", "1.5", "9223372036854775808", null}) {
            assertThatThrownBy(() -> WebhookRules.failureId(bad))
                    .as(bad)
                    .isInstanceOfSatisfying(
                            ApiException.class, e -> assertThat(e.status()).isEqualTo(422));
        }
    }
}
