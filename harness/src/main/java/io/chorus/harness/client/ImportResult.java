package io.chorus.harness.client;

/** What one bulk import request wrote, by kind of line. */
public record ImportResult(long users, long channels, long memberships, long events) {}
