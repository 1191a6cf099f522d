package io.chorus.harness.history;

/**
 * After the load, with the writers caught up: what {@code GET /v1/users/me/channels} told {@code user} of one
 * channel it had marked read: its {@code lastReadMessageId}, {@code unread} and {@code countsCapped}.
 */
public record UnreadSeen(String user, String channel, String lastReadMessageId, long unread, boolean capped, long time)
        implements Op {}
