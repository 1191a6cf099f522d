package io.chorus.query.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class SearchCursorSealTest {
    private static final byte[] KEY = "k".repeat(32).getBytes(StandardCharsets.UTF_8);
    private final SearchCursorSeal seal = new SearchCursorSeal(KEY);
    private final SearchCursor cursor = new SearchCursor(3.5, 1764236400000L, "01a24cc0-7687-72f1-9ee8-ae85e3ef3c59");

    @Test
    void aSealedCursorOpensForItsCallerAndShowsNothingOfWhatItHolds() {
        String sealed = seal.seal(cursor, "alice");

        assertThat(seal.open(sealed, "alice")).isEqualTo(cursor);
        assertThat(sealed).doesNotContain("01a24cc0").doesNotContain("1764236400000");
        String decoded = new String(Base64.getUrlDecoder().decode(sealed.substring(3)), StandardCharsets.ISO_8859_1);
        assertThat(decoded)
                .doesNotContain("01a24cc0")
                .doesNotContain("1764236400000")
                .doesNotContain("3.5");
        assertThat(seal.seal(cursor, "alice")).as("a fresh nonce each time").isNotEqualTo(sealed);
    }

    @Test
    void aCursorOfAnotherCallerAnotherKeyOrChangedInAnyCharacterIsRefused() {
        String sealed = seal.seal(cursor, "alice");

        assertInvalid(() -> seal.open(sealed, "bob"));
        assertInvalid(
                () -> new SearchCursorSeal("x".repeat(32).getBytes(StandardCharsets.UTF_8)).open(sealed, "alice"));
        for (int i = 0; i < sealed.length(); i++) {
            char changed = sealed.charAt(i) == 'A' ? 'B' : 'A';
            String tampered = sealed.substring(0, i) + changed + sealed.substring(i + 1);
            assertInvalid(() -> seal.open(tampered, "alice"));
        }
        for (String junk : new String[] {"", "s1.", "s1.!!!", "s1.AAAA", cursor.encode(), "x".repeat(600)}) {
            assertInvalid(() -> seal.open(junk, "alice"));
        }
    }

    @Test
    void aShortKeyIsRefused() {
        assertThatThrownBy(() -> new SearchCursorSeal(new byte[31])).isInstanceOf(IllegalArgumentException.class);
    }

    private static void assertInvalid(org.assertj.core.api.ThrowableAssert.ThrowingCallable open) {
        assertThatThrownBy(open)
                .isInstanceOfSatisfying(
                        InvalidSearch.class, e -> assertThat(e.code()).isEqualTo("invalid_cursor"));
    }
}
