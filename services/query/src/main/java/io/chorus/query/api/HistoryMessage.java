package io.chorus.query.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.UUID;

/**
 * One message of a channel's history; a deleted message keeps its place with {@code deleted: true} and no text
 * and no edit time, whatever its row still holds.
 * {@code clientMsgId} is the sender's idempotency key of the send (absent for messages stored before it was kept).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record HistoryMessage(
        UUID id,
        String channelId,
        String authorId,
        String text,
        Instant createdAt,
        Instant editedAt,
        boolean deleted,
        Long seq,
        String clientMsgId) {
    public HistoryMessage {
        if (deleted) {
            text = null;
            editedAt = null;
        }
    }
}
