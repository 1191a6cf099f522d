package io.chorus.query.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class SearchCriteriaTest {
    @Test
    void parsesEveryParameter() {
        String cursor = new SearchCursor(1.25, 1764236400000L, "0192-x").encode();
        SearchCriteria c = SearchCriteria.parse(
                "  hello world ",
                "general",
                "2026-11-01T00:00:00Z",
                "2026-11-27T00:00:00Z",
                cursor,
                "50",
                SearchCursor::decode);

        assertThat(c.text()).isEqualTo("hello world");
        assertThat(c.channelId()).contains("general");
        assertThat(c.from()).contains(Instant.parse("2026-11-01T00:00:00Z"));
        assertThat(c.to()).contains(Instant.parse("2026-11-27T00:00:00Z"));
        assertThat(c.cursor()).contains(new SearchCursor(1.25, 1764236400000L, "0192-x"));
        assertThat(c.limit()).isEqualTo(50);
    }

    @Test
    void defaultsWhatIsAbsent() {
        SearchCriteria c = SearchCriteria.parse("hi", null, null, "", null, null, SearchCursor::decode);
        assertThat(c.channelId()).isEmpty();
        assertThat(c.from()).isEmpty();
        assertThat(c.to()).isEmpty();
        assertThat(c.cursor()).isEmpty();
        assertThat(c.limit()).isEqualTo(SearchCriteria.DEFAULT_LIMIT);
    }

    @Test
    void rejectsBadInputWithACode() {
        assertInvalid("invalid_request", null, null, null, null, null);
        assertInvalid("invalid_request", "   ", null, null, null, null);
        assertInvalid("invalid_request", "x".repeat(513), null, null, null, null);
        assertInvalid("invalid_request", "hi", "no spaces", null, null, null);
        assertInvalid("invalid_request", "hi", null, "yesterday", null, null);
        assertInvalid("invalid_request", "hi", null, "2026-11-02T00:00:00Z", "2026-11-01T00:00:00Z", null);
        assertInvalid("invalid_request", "hi", null, null, null, "0");
        assertInvalid("invalid_request", "hi", null, null, null, "101");
        assertInvalid("invalid_request", "hi", null, null, null, "ten");
    }

    @Test
    void rejectsCursorsItDidNotHandOut() {
        for (String cursor : new String[] {"!!!", "bm90IGpzb24", "WzEsMl0", "WyJhIiwxLCJiIl0", "x".repeat(600)}) {
            assertThatThrownBy(() -> SearchCriteria.parse("hi", null, null, null, cursor, null, SearchCursor::decode))
                    .as(cursor)
                    .isInstanceOfSatisfying(
                            InvalidSearch.class, e -> assertThat(e.code()).isEqualTo("invalid_cursor"));
        }
    }

    private static void assertInvalid(String code, String q, String channel, String from, String to, String limit) {
        assertThatThrownBy(() -> SearchCriteria.parse(q, channel, from, to, null, limit, SearchCursor::decode))
                .isInstanceOfSatisfying(
                        InvalidSearch.class, e -> assertThat(e.code()).isEqualTo(code));
    }
}
