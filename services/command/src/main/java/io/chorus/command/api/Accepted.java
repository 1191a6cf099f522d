package io.chorus.command.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.UUID;

/**
 * The body of a 202: the ids of what was accepted, and the event's stream sequence. {@code duplicate} is true
 * when the same idempotency key was accepted before (the ids are then the original ones).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Accepted(String channelId, UUID messageId, String userId, UUID eventId, Long seq, Boolean duplicate) {
    public static Accepted channel(String channelId, UUID eventId, long seq, Boolean duplicate) {
        return new Accepted(channelId, null, null, eventId, seq, duplicate);
    }

    public static Accepted message(String channelId, UUID messageId, long seq, Boolean duplicate) {
        return new Accepted(channelId, messageId, null, messageId, seq, duplicate);
    }

    public static Accepted user(String userId, UUID eventId, long seq, Boolean duplicate) {
        return new Accepted(null, null, userId, eventId, seq, duplicate);
    }
}
