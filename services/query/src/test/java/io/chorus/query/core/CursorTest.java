package io.chorus.query.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.strings;

import io.chorus.common.api.ApiException;
import io.chorus.common.events.Subjects;
import org.junit.jupiter.api.Test;

class CursorTest {
    @Test
    void everyValidIdRoundTrips() {
        qt().forAll(strings().betweenCodePoints('-', 'z').ofLengthBetween(1, 64)
                        .map(s -> s.replaceAll("[^A-Za-z0-9_-]", "_")))
                .checkAssert(id -> {
                    for (boolean bucketed : new boolean[] {true, false}) {
                        Cursor.Position at = new Cursor.Position(id, bucketed);
                        assertThat(Cursor.decode(Cursor.encode(at))).isEqualTo(at);
                    }
                });
    }

    /** Any string a client sends as a cursor decodes to a valid id or is a 400, never anything else. */
    @Test
    void anyOtherStringIsA400() {
        qt().forAll(strings().allPossible().ofLengthBetween(1, 300)).checkAssert(s -> {
            try {
                Cursor.Position at = Cursor.decode(s);
                assertThat(at.isStart() || Subjects.isToken(at.after())).isTrue();
            } catch (ApiException e) {
                assertThat(e.status()).isEqualTo(400);
            }
        });
    }

    @Test
    void cursorsAreUrlSafe() {
        qt().forAll(strings().betweenCodePoints('a', 'z').ofLengthBetween(1, 64))
                .checkAssert(id -> assertThat(Cursor.encode(new Cursor.Position(id, true))).matches("[A-Za-z0-9_-]+"));
        assertThat(Cursor.decode(null)).isEqualTo(Cursor.Position.START);
        assertThat(Cursor.decode("")).isEqualTo(Cursor.Position.START);
    }

    @Test
    void limitsAreBounded() {
        assertThat(Cursor.limit(null)).isEqualTo(Cursor.DEFAULT_LIMIT);
        assertThat(Cursor.limit(1000)).isEqualTo(1000);
        for (int bad : new int[] {0, -1, 1001}) {
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> Cursor.limit(bad))
                    .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.status()).isEqualTo(422));
        }
    }
}
