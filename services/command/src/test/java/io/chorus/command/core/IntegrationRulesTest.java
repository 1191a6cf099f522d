package io.chorus.command.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.chorus.common.api.ApiException;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class IntegrationRulesTest {
    @Test
    void scopesAreReadWriteOrBothWithoutRepeats() {
        assertThat(IntegrationRules.scopes(List.of("write", "read", "write"))).containsExactly("write", "read");
        assertThatThrownBy(() -> IntegrationRules.scopes(List.of()))
                .isInstanceOf(ApiException.class)
                .extracting(e -> ((ApiException) e).status())
                .isEqualTo(422);
        assertThatThrownBy(() -> IntegrationRules.scopes(null)).isInstanceOf(ApiException.class);
        assertThatThrownBy(() -> IntegrationRules.scopes(List.of("admin"))).hasMessageContaining("admin");
    }

    @Test
    void channelsAreValidIdsUpToAHundred() {
        assertThat(IntegrationRules.channelIds(null)).isEmpty();
        assertThat(IntegrationRules.channelIds(List.of("c1", "c1", "c2"))).containsExactly("c1", "c2");
        assertThatThrownBy(() -> IntegrationRules.channelIds(List.of("not a channel")))
                .isInstanceOf(ApiException.class);
        assertThatThrownBy(() -> IntegrationRules.channelIds(Arrays.asList("c1", null)))
                .isInstanceOf(ApiException.class);
        List<String> many = IntStream.range(0, 101).mapToObj(i -> "c" + i).toList();
        assertThatThrownBy(() -> IntegrationRules.channelIds(many)).hasMessageContaining("100");
        assertThat(IntegrationRules.channelIds(Collections.nCopies(3, "c"))).containsExactly("c");
    }

    @Test
    void aNameIsOptionalButNeverBlank() {
        assertThat(IntegrationRules.name(null, "token")).isEqualTo("token");
        assertThat(IntegrationRules.name(" deploys ", "token")).isEqualTo("deploys");
        assertThatThrownBy(() -> IntegrationRules.name("  ", "token")).isInstanceOf(ApiException.class);
    }
}
