package io.chorus.query.core;

import io.chorus.common.api.ApiException;
import io.chorus.common.events.Subjects;
import io.chorus.common.paging.CursorSigner;

/**
 * An opaque page cursor: where the next page starts, strictly after the last id a page ended on (keyset paging: as
 * fast on page 10,000 as on page 1), and how its owner is walked (whole, or bucket by bucket: {@link PageWalk}).
 * Its text is {@code v2:all:<id>} or {@code v2:buckets:<id>}, signed by {@link CursorSigner} for the one list it
 * pages ({@link #members}, {@link #channelsOf}): a cursor the API did not give out for that list is a 400.
 */
public final class Cursor {
    private static final String WHOLE = "v2:all:";
    private static final String BUCKETS = "v2:buckets:";

    private Cursor() {}

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

    /** The scope of a cursor over a channel's members. */
    public static String members(String channelId) {
        return "members:" + channelId;
    }

    /** The scope of a cursor over a user's channels. */
    public static String channelsOf(String userId) {
        return "channels:" + userId;
    }

    public static String encode(Position position, CursorSigner signer, String scope) {
        Subjects.requireToken(position.after());
        return signer.sign(scope, (position.bucketed() ? BUCKETS : WHOLE) + position.after());
    }

    /** Where the page starts; {@link Position#START} for no cursor; 400 for a cursor not given out for the scope. */
    public static Position decode(String cursor, CursorSigner signer, String scope) {
        if (cursor == null || cursor.isEmpty()) {
            return Position.START;
        }
        String text = signer.open(scope, cursor).orElseThrow(Cursor::invalid);
        for (String prefix : new String[] {BUCKETS, WHOLE}) {
            if (text.startsWith(prefix) && Subjects.isToken(text.substring(prefix.length()))) {
                return new Position(text.substring(prefix.length()), prefix.equals(BUCKETS));
            }
        }
        throw invalid();
    }

    private static ApiException invalid() {
        return new ApiException(400, "invalid_cursor", "the cursor is not one this API gave out for this list");
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
