package io.chorus.harness.history;

/**
 * The server answered a resume with {@code resync_required} ({@code reason}: {@code gap_too_large} or
 * {@code invalid_resume_token}) on {@code user}'s connection {@code connection}: what the user missed before
 * {@code time} is in history (the Query API), not owed by live delivery; from {@code time} on it is owed again.
 */
public record SessionResync(String user, String connection, String reason, long time) implements Op {}
