package io.chorus.common.events;

import java.util.UUID;

/** Payloads of the {@code MESSAGES} stream's events (the envelope carries channel, actor and time). */
public final class MessagePayloads {
    private MessagePayloads() {}

    /** {@code message.created}: the envelope id is the message id. */
    public record Created(String clientMsgId, String text) {}

    /** {@code message.edited}. */
    public record Edited(UUID messageId, String text) {}

    /** {@code message.deleted}. */
    public record Deleted(UUID messageId) {}

    /** {@code reaction.added} and {@code reaction.removed}. */
    public record Reaction(UUID messageId, String emoji) {}
}
