package io.chorus.harness.client;

import java.time.Instant;

/**
 * One channel of the caller, as {@code GET /v1/users/me/channels} lists it: with the caller's read mark (null before
 * the first) and, for the first 100 channels of a page, the unread and mention counts after it (null past them).
 */
public record MyChannel(
        String channelId,
        String role,
        Instant joinedAt,
        String name,
        String kind,
        String lastReadMessageId,
        Integer unread,
        Integer mentions,
        Boolean countsCapped) {}
