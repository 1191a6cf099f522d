package io.chorus.harness.client;

import java.time.Instant;

/** A channel as the Query API shows it; {@code role} is the caller's, null when not a member. */
public record Channel(
        String id,
        String name,
        String kind,
        String topic,
        String createdBy,
        Instant createdAt,
        long memberCount,
        String role) {}
