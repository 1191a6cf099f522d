package io.chorus.query.api;

import java.time.Instant;
import java.util.List;

/** A webhook registration as its owners see it: never its secrets (shown once, when made). */
public record WebhookView(
        String webhookId,
        String ownerId,
        List<String> channelIds,
        String url,
        List<String> eventTypes,
        boolean paused,
        Instant createdAt,
        Instant updatedAt) {}
