package io.chorus.harness.client;

import java.time.Instant;
import java.util.List;

/**
 * One message of a channel's history: a deleted one keeps its place with {@code deleted} and no text;
 * {@code clientMsgId} is the sender's idempotency key (null for a message stored before the history kept it);
 * {@code reactions} most used first (empty when it has none).
 */
public record HistoryMessage(
        String id,
        String channelId,
        String authorId,
        String text,
        Instant createdAt,
        Instant editedAt,
        boolean deleted,
        Long seq,
        String clientMsgId,
        List<Reaction> reactions) {}
