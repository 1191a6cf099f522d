package io.chorus.command.core;

import io.chorus.common.events.UuidV7;

/**
 * The {@code Nats-Msg-Id} of each command. A send's key comes from its {@code clientMsgId} (decision 0002);
 * every other command may carry an {@code Idempotency-Key} header, without which a retry is a new command.
 */
public final class IdempotencyKeys {
    public static final String HEADER = "Idempotency-Key";
    private static final int MAX_CHARS = 128;

    private IdempotencyKeys() {}

    public static String messageCreated(String channelId, String actorId, String clientMsgId) {
        return channelId + ":" + actorId + ":" + clientMsgId;
    }

    /** A command's key: its type, the actor and the client's header, or a fresh id when there is none. */
    public static String command(String type, String actorId, String header) {
        return type + ":" + actorId + ":" + (header == null ? UuidV7.generate().toString() : validHeader(header));
    }

    /**
     * The key of an edit, delete or reaction: the message is named by its channel and id, as every writer keys it
     * (decision 0105), so the same header on commands about one id in two channels makes two commands.
     */
    public static String messageCommand(
            String type, String channelId, java.util.UUID messageId, String actorId, String header) {
        return command(type + ":" + channelId + "/" + messageId, actorId, header);
    }

    public static String validHeader(String header) {
        if (header == null) {
            return null;
        }
        if (header.isEmpty() || header.length() > MAX_CHARS || !header.chars().allMatch(c -> c > 32 && c < 127)) {
            throw CommandRules.invalid(HEADER + " must be 1-" + MAX_CHARS + " printable ASCII characters");
        }
        return header;
    }
}
