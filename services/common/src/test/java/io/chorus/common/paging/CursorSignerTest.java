package io.chorus.common.paging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.strings;

import org.junit.jupiter.api.Test;

class CursorSignerTest {
    private static final CursorSigner SIGNER = new CursorSigner("a-cursor-key-of-at-least-32-bytes!!");

    @Test
    void aSignedCursorOpensToItsTextInItsScopeOnly() {
        qt().forAll(strings().basicLatinAlphabet().ofLengthBetween(0, 100)).checkAssert(text -> {
            String cursor = SIGNER.sign("members:c1", text);
            assertThat(cursor).matches("[A-Za-z0-9_-]*\\.[A-Za-z0-9_-]+");
            assertThat(SIGNER.open("members:c1", cursor)).contains(text);
            assertThat(SIGNER.open("members:c2", cursor)).isEmpty();
            assertThat(SIGNER.open("channels:c1", cursor)).isEmpty();
        });
    }

    @Test
    void anyChangeToACursorIsRefused() {
        String cursor = SIGNER.sign("members:c1", "v2:all:user7");
        for (int i = 0; i < cursor.length(); i++) {
            for (char c : new char[] {'A', 'b', '0', '-', '.'}) {
                if (cursor.charAt(i) != c) {
                    String changed = cursor.substring(0, i) + c + cursor.substring(i + 1);
                    assertThat(SIGNER.open("members:c1", changed)).as(changed).isEmpty();
                }
            }
        }
    }

    @Test
    void anotherKeysCursorsAndUnsignedTextAreRefused() {
        CursorSigner other = new CursorSigner("another-cursor-key-of-32-bytes-or-more");
        assertThat(SIGNER.open("members:c1", other.sign("members:c1", "v2:all:user7")))
                .isEmpty();
        qt().forAll(strings().allPossible().ofLengthBetween(0, 600))
                .checkAssert(s -> assertThat(SIGNER.open("members:c1", s)).isEmpty());
        assertThat(SIGNER.open("members:c1", null)).isEmpty();
    }

    @Test
    void aShortKeyIsRefused() {
        assertThatThrownBy(() -> new CursorSigner("short")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new CursorSigner(null)).isInstanceOf(IllegalArgumentException.class);
    }
}
