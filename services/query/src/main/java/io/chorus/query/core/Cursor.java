package io.chorus.query.core;

import io.chorus.common.api.ApiException;
import io.chorus.common.events.Subjects;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * An opaque page cursor: the last id a page ended on, so the next page starts strictly after it (keyset paging:
 * as fast on page 10,000 as on page 1). The encoding is base64url of {@code v1:<id>}; a cursor that does not
 * decode to a valid id is a 400.
 */
public final class Cursor {
    private static final String VERSION = "v1:";

    private Cursor() {
    }

    public static String encode(String lastId) {
        Subjects.requireToken(lastId);
        return Base64.getUrlEncoder().withoutPadding()
                .encodeToString((VERSION + lastId).getBytes(StandardCharsets.UTF_8));
    }

    /** The id after which the page starts; null for the first page. */
    public static String decode(String cursor) {
        if (cursor == null || cursor.isEmpty()) {
            return null;
        }
        try {
            if (cursor.length() > 200) {
                throw new IllegalArgumentException();
            }
            String text = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
            if (!text.startsWith(VERSION) || !Subjects.isToken(text.substring(VERSION.length()))) {
                throw new IllegalArgumentException();
            }
            return text.substring(VERSION.length());
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
