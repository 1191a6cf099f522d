package io.chorus.harness.history;

import java.util.List;

/**
 * After a {@code resync_required}, {@code user} read channel {@code channel}'s history from the Query API, as the
 * protocol asks a client to: {@code messageIds} are the messages the read returned, from {@code started} to
 * {@code time}. {@code complete} is false when the read stopped before the end of what it meant to read (an error, or
 * the per-user rate limit outlasting the reader's patience): what it did return still counts as read. {@code channel}
 * is null for a read that could not even list the user's channels.
 */
public record HistoryRead(
        String user, String channel, List<String> messageIds, boolean complete, long started, long time) implements Op {
    public HistoryRead {
        messageIds = List.copyOf(messageIds);
    }
}
