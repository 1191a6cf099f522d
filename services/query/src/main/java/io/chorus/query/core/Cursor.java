package io.chorus.query.core;

import io.chorus.common.api.ApiException;
import io.chorus.common.events.Subjects;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * An opaque page cursor: where the next page starts, strictly after the last id a page ended on (keyset paging: as
 * fast on page 10,000 as on page 1), and how its owner is walked (whole, or bucket by bucket: {@link PageWalk}).
 * The encoding is base64url of {@code v2:all:<id>} or {@code v2:buckets:<id>}; {@code v1:<id>}, handed out before
 * buckets, still reads as a whole walk. A cursor that does not decode to a valid id is a 400.
 */
public final class Cursor {
    private static final String V1 = "v1:";
    private static final String WHOLE = "v2:all:";
    private static final String BUCKETS = "v2:buckets:";

    private Cursor() {
    }

    /**
     * @param after    the id the previous page ended on; null for a first page
     * @param bucketed whether the owner is walked bucket by bucket (decided on its first page)
     */
    public record Position(String after, boolean bucketed) {
        public static final Position START = new Position(null, false);

        public boolean isStart() {
            return after == null;
        }
    }

    public static String encode(Position position) {
        Subjects.requireToken(position.after());
        String text = (position.bucketed() ? BUCKETS : WHOLE) + position.after();
        return Base64.getUrlEncoder().withoutPadding().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    /** Where the page starts; {@link Position#START} for no cursor. */
    public static Position decode(String cursor) {
        if (cursor == null || cursor.isEmpty()) {
            return Position.START;
        }
        try {
            if (cursor.length() > 200) {
                throw new IllegalArgumentException();
            }
            String text = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
            for (String prefix : new String[] {BUCKETS, WHOLE, V1}) {
                if (text.startsWith(prefix) && Subjects.isToken(text.substring(prefix.length()))) {
                    return new Position(text.substring(prefix.length()), prefix.equals(BUCKETS));
                }
            }
            throw new IllegalArgumentException();
        } catch (IllegalArgumentException e) {
            throw new ApiException(400, "invalid_cursor", "the cursor is not one this API gave out");
        }
    }

    public static final int DEFAULT_LIMIT = 50;
    public static final int MAX_LIMIT = 1_000;

    /** The page size: {@value #DEFAULT_LIMIT} when absent, 1 to {@value #MAX_LIMIT}. */
    public static int limit(Integer limit) {
        if (limit == null) {
            return DEFAULT_LIMIT;
        }
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new ApiException(422, "invalid_request", "limit must be 1-" + MAX_LIMIT);
        }
        return limit;
    }
}
