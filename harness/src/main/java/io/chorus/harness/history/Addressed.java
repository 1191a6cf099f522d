package io.chorus.harness.history;

import java.util.List;

/**
 * The send {@code clientMsgId} addresses {@code users} in its content: the other member of a direct channel, or the
 * users its text mentions ({@code @userId}). What the text says, not who should be pushed: that is the push
 * checker's to decide, from presence, devices and the author.
 */
public record Addressed(String clientMsgId, List<String> users, long time) implements Op {
    public Addressed {
        users = List.copyOf(users);
    }
}
