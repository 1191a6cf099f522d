package io.chorus.harness.history;

/**
 * A {@code channel_added} ({@code added}) or {@code channel_removed} frame arrived on {@code receiver}'s connection
 * {@code connection}: from here that socket has (or no longer has) the channel's events.
 */
public record MembershipFrame(String receiver, String connection, String channel, boolean added, long time)
        implements Op {}
