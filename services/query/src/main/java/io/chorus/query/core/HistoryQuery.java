package io.chorus.query.core;

import io.chorus.common.api.ApiException;
import java.util.Optional;
import java.util.UUID;

/**
 * The checked parameters of a history read: exclusive bounds {@code before} / {@code after} (message ids) and a
 * page size. Newest first, except with only {@code after} (oldest first, from just after it).
 */
public record HistoryQuery(String channelId, Optional<UUID> before, Optional<UUID> after, int limit) {
    public static final int DEFAULT_LIMIT = 50;
    public static final int MAX_LIMIT = 200;

    public boolean ascending() {
        return after.isPresent() && before.isEmpty();
    }

    public static HistoryQuery parse(String channelId, String before, String after, String limit) {
        return new HistoryQuery(channelId, cursor("before", before), cursor("after", after), limit(limit));
    }

    private static Optional<UUID> cursor(String name, String value) {
        if (value == null || value.isEmpty()) {
            return Optional.empty();
        }
        try {
            UUID id = UUID.fromString(value);
            if (id.version() == 7 && value.length() == 36) {
                return Optional.of(id);
            }
        } catch (IllegalArgumentException e) {
            // answered below
        }
        throw new ApiException(
                400, "invalid_cursor", name + " must be a message id (UUIDv7), got '" + shorten(value) + "'");
    }

    private static int limit(String value) {
        return PageLimit.parse(value, DEFAULT_LIMIT, MAX_LIMIT)
                .orElseThrow(() ->
                        new ApiException(400, "invalid_limit", "limit must be an integer from 1 to " + MAX_LIMIT));
    }

    private static String shorten(String value) {
        return value.length() > 40 ? value.substring(0, 40) + "..." : value;
    }
}
