package io.chorus.harness.client;

import java.time.Instant;

/** One member of a channel, as {@code GET /v1/channels/{id}/members} lists it. */
public record Member(String userId, String role, Instant joinedAt) {}
