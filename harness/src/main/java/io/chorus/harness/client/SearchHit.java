package io.chorus.harness.client;

import java.time.Instant;
import java.util.List;

/** One hit of {@code GET /v1/search}: the message as it is now, and up to 3 highlighted fragments. */
public record SearchHit(
        String messageId,
        String channelId,
        String authorId,
        String text,
        Instant createdAt,
        Instant editedAt,
        List<String> highlights) {}
