package io.chorus.workers.core;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.chorus.common.cassandra.MessagesSchema;
import io.chorus.common.events.EventEnvelope;
import io.chorus.common.events.EventTypes;
import io.chorus.common.events.PoisonEvent;
import io.chorus.common.events.Subjects;
import io.chorus.common.events.UuidV7;
import java.io.IOException;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/**
 * Turns a {@code MESSAGES} event into its history mutation (a reaction into a {@link MessageMutation.React});
 * anything malformed is a {@link PoisonEvent}.
 */
public final class HistoryMutations {
    static final int MAX_EMOJI_CHARS = 64;

    private final ObjectMapper json;

    public HistoryMutations(ObjectMapper json) {
        this.json = json;
    }

    public Optional<MessageMutation> of(byte[] body, long seq) throws PoisonEvent {
        EventEnvelope event = parse(body);
        if (!Subjects.isToken(event.channelId()) || event.type() == null || event.occurredAt() == null) {
            throw new PoisonEvent("envelope lacks a valid channelId, type or occurredAt");
        }
        JsonNode payload = event.payload() == null ? json.createObjectNode() : event.payload();
        return switch (event.type()) {
            case EventTypes.MESSAGE_CREATED -> {
                UUID id = version7(event.id(), "envelope id");
                yield Optional.of(new MessageMutation.Create(
                        event.channelId(),
                        bucketOf(id),
                        id,
                        event.actorId(),
                        requireText(payload),
                        event.occurredAt(),
                        seq,
                        clientMsgId(payload)));
            }
            case EventTypes.MESSAGE_EDITED -> {
                UUID id = version7(messageId(payload), "payload messageId");
                yield Optional.of(new MessageMutation.Edit(
                        event.channelId(), bucketOf(id), id, requireText(payload), event.occurredAt()));
            }
            case EventTypes.MESSAGE_DELETED -> {
                UUID id = version7(messageId(payload), "payload messageId");
                yield Optional.of(new MessageMutation.Delete(event.channelId(), bucketOf(id), id, event.occurredAt()));
            }
            case EventTypes.REACTION_ADDED, EventTypes.REACTION_REMOVED -> {
                UUID id = version7(messageId(payload), "payload messageId");
                if (!Subjects.isToken(event.actorId())) {
                    throw new PoisonEvent("reaction without a valid actorId");
                }
                yield Optional.of(new MessageMutation.React(
                        event.channelId(),
                        bucketOf(id),
                        id,
                        requireEmoji(payload),
                        event.actorId(),
                        event.occurredAt(),
                        event.type().equals(EventTypes.REACTION_ADDED)));
            }
            default -> throw new PoisonEvent("unknown event type " + event.type());
        };
    }

    private EventEnvelope parse(byte[] body) throws PoisonEvent {
        try {
            EventEnvelope event = json.readValue(body, EventEnvelope.class);
            if (event == null) {
                throw new PoisonEvent("empty body");
            }
            return event;
        } catch (IOException e) {
            throw new PoisonEvent("not an event envelope: " + e.getMessage(), e);
        }
    }

    /** Optional: an event without one (or with a non-text one) is stored without it, not refused. */
    private static String clientMsgId(JsonNode payload) {
        JsonNode id = payload.get("clientMsgId");
        return id != null && id.isTextual() ? id.asText() : null;
    }

    private static UUID messageId(JsonNode payload) throws PoisonEvent {
        try {
            return UUID.fromString(payload.path("messageId").asText());
        } catch (IllegalArgumentException e) {
            throw new PoisonEvent("payload messageId is not a UUID");
        }
    }

    private static UUID version7(UUID id, String what) throws PoisonEvent {
        if (id == null || id.version() != 7) {
            throw new PoisonEvent(what + " is not a UUIDv7: " + id);
        }
        return id;
    }

    private static String requireText(JsonNode payload) throws PoisonEvent {
        JsonNode text = payload.get("text");
        if (text == null || !text.isTextual()) {
            throw new PoisonEvent("payload has no text");
        }
        return text.asText();
    }

    /** The command service's bound on an emoji; anything else did not come through it. */
    private static String requireEmoji(JsonNode payload) throws PoisonEvent {
        JsonNode emoji = payload.get("emoji");
        if (emoji == null
                || !emoji.isTextual()
                || emoji.asText().isBlank()
                || emoji.asText().length() > MAX_EMOJI_CHARS) {
            throw new PoisonEvent("payload has no emoji of 1-" + MAX_EMOJI_CHARS + " characters");
        }
        return emoji.asText();
    }

    private static java.time.LocalDate bucketOf(UUID messageId) {
        Instant time = UuidV7.timestamp(messageId);
        return MessagesSchema.dayBucket(time);
    }
}
