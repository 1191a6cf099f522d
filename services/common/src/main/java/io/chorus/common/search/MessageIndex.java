package io.chorus.common.search;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.Optional;

/**
 * The Elasticsearch contract between the search indexer (the only writer) and the query service: one index per
 * UTC day of message creation ({@code chorus-messages-2026.11.27}), all behind the alias {@code chorus-messages},
 * created from the index template of the same name. The document id names the channel and the message
 * ({@link #documentId}): a message id is only ever looked at within the channel an event names, so an event of one
 * channel can never reach another channel's document.
 */
public final class MessageIndex {
    public static final String ALIAS = "chorus-messages";
    public static final String TEMPLATE = "chorus-messages";
    public static final String DAILY_PREFIX = ALIAS + "-";

    public static final String MESSAGE_ID = "messageId";
    public static final String CHANNEL_ID = "channelId";
    public static final String AUTHOR_ID = "authorId";
    public static final String TEXT = "text";
    public static final String CREATED_AT = "createdAt";
    public static final String EDITED_AT = "editedAt";

    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyy.MM.dd");

    private MessageIndex() {}

    /**
     * The indexed form of a message. Times are ISO-8601 instants; {@code editedAt} is null until an edit. A deleted
     * message is a tombstone: no text (so no search matches it) and no author.
     */
    public record Document(
            String messageId, String channelId, String authorId, String text, String createdAt, String editedAt) {}

    /** The id of the document of message {@code messageId} of channel {@code channelId}. */
    public static String documentId(String channelId, String messageId) {
        return channelId + "/" + messageId;
    }

    public static String daily(LocalDate day) {
        return DAILY_PREFIX + DAY.format(day);
    }

    /** The day a daily index holds, or empty for any other name. */
    public static Optional<LocalDate> dayOf(String indexName) {
        if (!indexName.startsWith(DAILY_PREFIX)) {
            return Optional.empty();
        }
        try {
            return Optional.of(LocalDate.parse(indexName.substring(DAILY_PREFIX.length()), DAY));
        } catch (java.time.DateTimeException e) {
            return Optional.empty();
        }
    }
}
