package io.chorus.query.core;

import io.chorus.common.events.Subjects;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.function.Function;

/**
 * A validated search: the words, an optional channel, an optional creation-time window ({@code from} inclusive,
 * {@code to} exclusive), where to resume, and the page size.
 */
public record SearchCriteria(
        String text,
        Optional<String> channelId,
        Optional<Instant> from,
        Optional<Instant> to,
        Optional<SearchCursor> cursor,
        int limit) {
    public static final int DEFAULT_LIMIT = 20;
    public static final int MAX_LIMIT = 100;
    public static final int MAX_TEXT = 512;

    /**
     * Parses the query parameters as a client sent them (any may be null); throws {@link InvalidSearch}.
     *
     * @param cursors opens a cursor the client sent, throwing {@link InvalidSearch} for one it cannot open
     */
    public static SearchCriteria parse(
            String q,
            String channelId,
            String from,
            String to,
            String cursor,
            String limit,
            Function<String, SearchCursor> cursors) {
        String text = q == null ? "" : q.strip();
        if (text.isEmpty()) {
            throw new InvalidSearch("invalid_request", "q is required: the words to search for");
        }
        if (text.length() > MAX_TEXT) {
            throw new InvalidSearch("invalid_request", "q is longer than " + MAX_TEXT + " characters");
        }
        Optional<String> channel = blank(channelId) ? Optional.empty() : Optional.of(channelId);
        if (channel.isPresent() && !Subjects.isToken(channel.get())) {
            throw new InvalidSearch("invalid_request", "channelId is not a valid channel id (1-64 of A-Z a-z 0-9 _ -)");
        }
        Optional<Instant> start = instant("from", from);
        Optional<Instant> end = instant("to", to);
        if (start.isPresent() && end.isPresent() && !start.get().isBefore(end.get())) {
            throw new InvalidSearch("invalid_request", "from must be before to");
        }
        Optional<SearchCursor> resume = blank(cursor) ? Optional.empty() : Optional.of(cursors.apply(cursor));
        return new SearchCriteria(text, channel, start, end, resume, limit(limit));
    }

    private static Optional<Instant> instant(String name, String value) {
        if (blank(value)) {
            return Optional.empty();
        }
        try {
            return Optional.of(Instant.parse(value));
        } catch (DateTimeParseException e) {
            throw new InvalidSearch(
                    "invalid_request", name + " must be an ISO-8601 instant such as 2026-11-27T10:15:30Z");
        }
    }

    private static int limit(String value) {
        return PageLimit.parse(value, DEFAULT_LIMIT, MAX_LIMIT)
                .orElseThrow(() ->
                        new InvalidSearch("invalid_request", "limit must be a whole number from 1 to " + MAX_LIMIT));
    }

    private static boolean blank(String value) {
        return value == null || value.isEmpty();
    }
}
