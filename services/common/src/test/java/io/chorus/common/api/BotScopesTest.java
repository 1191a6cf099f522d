package io.chorus.common.api;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.chorus.common.auth.BotGrant;
import java.util.List;
import org.junit.jupiter.api.Test;

class BotScopesTest {
    private static BotGrant grant(boolean read, boolean write, List<String> channels) {
        return new BotGrant("0b", "70", read, write, channels);
    }

    @Test
    void aReadOnlyTokenReadsButDoesNotWrite() {
        BotGrant reader = grant(true, false, List.of());
        assertThatCode(() -> BotScopes.check(reader, "GET", "c1")).doesNotThrowAnyException();
        assertThatCode(() -> BotScopes.check(reader, "HEAD", null)).doesNotThrowAnyException();
        assertThatThrownBy(() -> BotScopes.check(reader, "POST", "c1"))
                .isInstanceOf(ApiException.class)
                .hasMessageContaining("write");
        assertThatThrownBy(() -> BotScopes.check(reader, "DELETE", null)).hasMessageContaining("write");
    }

    @Test
    void aWriteOnlyTokenDoesNotRead() {
        assertThatThrownBy(() -> BotScopes.check(grant(false, true, List.of()), "GET", "c1"))
                .hasMessageContaining("read");
    }

    @Test
    void aTokenScopedToChannelsIsRefusedElsewhere() {
        BotGrant scoped = grant(true, true, List.of("c1"));
        assertThatCode(() -> BotScopes.check(scoped, "POST", "c1")).doesNotThrowAnyException();
        assertThatCode(() -> BotScopes.check(scoped, "GET", null)).doesNotThrowAnyException();
        assertThatThrownBy(() -> BotScopes.check(scoped, "POST", "c2")).hasMessageContaining("c2");
        assertThatCode(() -> BotScopes.check(grant(true, true, List.of()), "POST", "c2"))
                .doesNotThrowAnyException();
    }
}
