package io.chorus.harness.checker;

import java.util.List;

/**
 * Every message the store holds for the channels the run wrote to, listed through the Query API after the run has
 * drained. An input of the loss checker, collected once, after the history is complete.
 */
public record StoreListing(List<StoredMessage> messages) {
    public StoreListing {
        messages = List.copyOf(messages);
    }

    public record StoredMessage(String channel, String messageId, String clientMsgId) {}
}
