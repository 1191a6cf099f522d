package io.chorus.query.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.strings;

import io.chorus.common.api.ApiException;
import io.chorus.common.paging.CursorSigner;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class CursorTest {
    private static final CursorSigner SIGNER = new CursorSigner("a-page-cursor-key-of-32-bytes-or-more");
    private static final String SCOPE = Cursor.members("c1");

    @Test
    void everyValidIdRoundTrips() {
        qt().forAll(strings()
                        .betweenCodePoints('-', 'z')
                        .ofLengthBetween(1, 64)
                        .map(s -> s.replaceAll("[^A-Za-z0-9_-]", "_")))
                .checkAssert(id -> {
                    for (boolean bucketed : new boolean[] {true, false}) {
                        Cursor.Position at = new Cursor.Position(id, bucketed);
                        assertThat(Cursor.decode(Cursor.encode(at, SIGNER, SCOPE), SIGNER, SCOPE))
                                .isEqualTo(at);
                    }
                });
    }

    /** Any string a client makes up is a 400 invalid_cursor, never a position. */
    @Test
    void anyOtherStringIsA400() {
        qt().forAll(strings().allPossible().ofLengthBetween(1, 300)).checkAssert(s -> assertInvalid(s, SCOPE));
    }

    /** The unsigned forms once handed out, and a position the client wrote itself, are refused. */
    @Test
    void unsignedCursorsAreA400() {
        for (String text : new String[] {"v1:u7", "v2:all:u7", "v2:buckets:u7"}) {
            String unsigned =
                    Base64.getUrlEncoder().withoutPadding().encodeToString(text.getBytes(StandardCharsets.UTF_8));
            assertInvalid(unsigned, SCOPE);
            assertInvalid(unsigned + ".AAAAAAAAAAAAAAAAAAAAAA", SCOPE);
        }
    }

    @Test
    void aCursorIsGoodForItsOwnListOnly() {
        String cursor = Cursor.encode(new Cursor.Position("u7", false), SIGNER, Cursor.members("c1"));
        assertInvalid(cursor, Cursor.members("c2"));
        assertInvalid(cursor, Cursor.channelsOf("c1"));
        assertThat(Cursor.decode(cursor, SIGNER, Cursor.members("c1"))).isEqualTo(new Cursor.Position("u7", false));
    }

    /** A signed text that is not a position (a key shared by mistake with another use) is still a 400. */
    @Test
    void aSignedTextThatIsNoPositionIsA400() {
        for (String text : new String[] {"v2:all:", "v2:all:a b", "v3:all:u7", "u7"}) {
            assertInvalid(SIGNER.sign(SCOPE, text), SCOPE);
        }
    }

    private static void assertInvalid(String cursor, String scope) {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> Cursor.decode(cursor, SIGNER, scope))
                .isInstanceOfSatisfying(ApiException.class, e -> {
                    assertThat(e.status()).isEqualTo(400);
                    assertThat(e.code()).isEqualTo("invalid_cursor");
                });
    }

    @Test
    void cursorsAreUrlSafe() {
        qt().forAll(strings().betweenCodePoints('a', 'z').ofLengthBetween(1, 64))
                .checkAssert(id -> assertThat(Cursor.encode(new Cursor.Position(id, true), SIGNER, SCOPE))
                        .matches("[A-Za-z0-9_.-]+"));
        assertThat(Cursor.decode(null, SIGNER, SCOPE)).isEqualTo(Cursor.Position.START);
        assertThat(Cursor.decode("", SIGNER, SCOPE)).isEqualTo(Cursor.Position.START);
    }

    @Test
    void limitsAreBounded() {
        assertThat(Cursor.limit(null)).isEqualTo(Cursor.DEFAULT_LIMIT);
        assertThat(Cursor.limit(1000)).isEqualTo(1000);
        for (int bad : new int[] {0, -1, 1001}) {
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> Cursor.limit(bad))
                    .isInstanceOfSatisfying(
                            ApiException.class, e -> assertThat(e.status()).isEqualTo(422));
        }
    }
}
