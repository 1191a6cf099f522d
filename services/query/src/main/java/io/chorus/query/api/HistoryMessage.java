package io.chorus.query.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * One message of a channel's history; a deleted message keeps its place with {@code deleted: true} and no text
 * and no edit time, whatever its row still holds.
 * {@code clientMsgId} is the sender's idempotency key of the send (absent for messages stored before it was kept).
 * {@code reactions}: the message's reactions, most used first (none on a deleted message).
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
        String clientMsgId,
        List<Reaction> reactions) {
    public HistoryMessage {
        reactions = reactions == null ? List.of() : List.copyOf(reactions);
        if (deleted) {
            text = null;
            editedAt = null;
            reactions = List.of();
        }
    }

    /** A message as its row has it, before its reactions are read. */
    public HistoryMessage(
            UUID id,
            String channelId,
            String authorId,
            String text,
            Instant createdAt,
            Instant editedAt,
            boolean deleted,
            Long seq,
            String clientMsgId) {
        this(id, channelId, authorId, text, createdAt, editedAt, deleted, seq, clientMsgId, List.of());
    }

    public HistoryMessage withReactions(List<Reaction> its) {
        return new HistoryMessage(id, channelId, authorId, text, createdAt, editedAt, deleted, seq, clientMsgId, its);
    }
}
