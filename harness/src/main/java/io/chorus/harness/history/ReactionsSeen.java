package io.chorus.harness.history;

import java.util.List;

/**
 * After the load, with the writers caught up: the emojis that {@code user}'s read of {@code channel}'s history showed
 * as reacted by it on message {@code messageId} ({@code reacted: true}); {@code found} false when the reads did not
 * reach the message.
 */
public record ReactionsSeen(
        String user, String channel, String messageId, boolean found, List<String> reacted, long time) implements Op {
    public ReactionsSeen {
        reacted = List.copyOf(reacted);
    }
}
