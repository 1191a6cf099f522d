package io.chorus.harness.client;

import java.time.Instant;

/** One channel of the caller, as {@code GET /v1/users/me/channels} lists it. */
public record MyChannel(String channelId, String role, Instant joinedAt, String name, String kind) {}
