package io.chorus.harness.client;

/**
 * A command's 202: what it created or changed ({@code channelId}, {@code messageId}, {@code userId}, whichever
 * apply), the event's id and stream sequence, and {@code duplicate} when its idempotency key was seen before.
 */
public record Accepted(
        String channelId, String messageId, String userId, String eventId, Long seq, boolean duplicate) {}
