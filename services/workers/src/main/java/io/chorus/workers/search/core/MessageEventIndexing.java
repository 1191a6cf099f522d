package io.chorus.workers.search.core;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.chorus.common.events.EventEnvelope;
import io.chorus.common.events.EventTypes;
import io.chorus.common.events.PoisonEvent;
import io.chorus.common.events.Subjects;
import io.chorus.common.events.UuidV7;
import io.chorus.common.search.MessageIndex;
import java.io.IOException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.UUID;

/**
 * Turns one {@code MESSAGES} event into its {@link IndexAction}. The daily index is the UTC day the message was
 * created, read from its UUIDv7 id, so the create, every edit and the delete of a message all land in the same index
 * without a lookup. The document is that of the message in the channel the event names
 * ({@link MessageIndex#documentId}): an event naming another channel's message id touches nothing of that channel. An
 * edit re-indexes the whole document (the event carries the text; channel, author and creation time come from the
 * envelope and the id), so an edit that overtakes its create still leaves a complete document. A delete is final: it
 * replaces the document by a tombstone without text at {@link IndexAction#FINAL_VERSION}, which no create or edit,
 * however late or redelivered, can overwrite.
 */
public final class MessageEventIndexing {
    private static final ObjectMapper JSON =
            JsonMapper.builder().addModule(new JavaTimeModule()).build();

    private final int retentionDays;

    /** @param retentionDays messages created more than this many days ago are not indexed again */
    public MessageEventIndexing(int retentionDays) {
        this.retentionDays = retentionDays;
    }

    public IndexAction plan(byte[] body, long streamSequence, Instant now) throws PoisonEvent {
        EventEnvelope event = decode(body);
        if (event.type() == null) {
            throw new PoisonEvent("event has no type");
        }
        return switch (event.type()) {
            case EventTypes.MESSAGE_CREATED -> upsert(event, requireId(event.id(), "id"), streamSequence, now, false);
            case EventTypes.MESSAGE_EDITED -> upsert(event, messageIdOf(event), streamSequence, now, true);
            case EventTypes.MESSAGE_DELETED -> tombstone(event, messageIdOf(event), now);
            default -> new IndexAction.Skip("event type " + event.type() + " is not indexed");
        };
    }

    private IndexAction upsert(EventEnvelope event, UUID messageId, long version, Instant now, boolean edit)
            throws PoisonEvent {
        LocalDate day = dayOf(messageId);
        if (expired(day, now)) {
            return new IndexAction.Skip("message " + messageId + " is older than retention");
        }
        String channelId = requireToken(event.channelId(), "channelId");
        String authorId = requireToken(event.actorId(), "actorId");
        JsonNode text = event.payload() == null ? null : event.payload().get("text");
        if (text == null || !text.isTextual()) {
            throw new PoisonEvent(event.type() + " has no text");
        }
        String createdAt = UuidV7.timestamp(messageId).toString();
        String editedAt = edit ? (event.occurredAt() == null ? now : event.occurredAt()).toString() : null;
        return new IndexAction.Upsert(
                MessageIndex.daily(day),
                MessageIndex.documentId(channelId, messageId.toString()),
                version,
                new MessageIndex.Document(
                        messageId.toString(), channelId, authorId, text.asText(), createdAt, editedAt));
    }

    private IndexAction tombstone(EventEnvelope event, UUID messageId, Instant now) throws PoisonEvent {
        LocalDate day = dayOf(messageId);
        if (expired(day, now)) {
            return new IndexAction.Skip("message " + messageId + " is older than retention");
        }
        String channelId = requireToken(event.channelId(), "channelId");
        return new IndexAction.Upsert(
                MessageIndex.daily(day),
                MessageIndex.documentId(channelId, messageId.toString()),
                IndexAction.FINAL_VERSION,
                new MessageIndex.Document(
                        messageId.toString(),
                        channelId,
                        null,
                        null,
                        UuidV7.timestamp(messageId).toString(),
                        null));
    }

    private boolean expired(LocalDate day, Instant now) {
        return RetentionPolicy.expired(day, LocalDate.ofInstant(now, ZoneOffset.UTC), retentionDays);
    }

    private static EventEnvelope decode(byte[] body) throws PoisonEvent {
        try {
            EventEnvelope event = JSON.readValue(body, EventEnvelope.class);
            if (event == null) {
                throw new PoisonEvent("empty event");
            }
            return event;
        } catch (IOException | RuntimeException e) {
            throw new PoisonEvent(
                    "not an event envelope: "
                            + String.valueOf(e.getMessage()).lines().findFirst().orElse(""),
                    e);
        }
    }

    private static UUID messageIdOf(EventEnvelope event) throws PoisonEvent {
        JsonNode id = event.payload() == null ? null : event.payload().get("messageId");
        if (id == null || !id.isTextual()) {
            throw new PoisonEvent(event.type() + " has no messageId");
        }
        try {
            return requireId(UUID.fromString(id.asText()), "messageId");
        } catch (IllegalArgumentException e) {
            throw new PoisonEvent(event.type() + " has a malformed messageId: " + id.asText());
        }
    }

    private static UUID requireId(UUID id, String field) throws PoisonEvent {
        if (id == null || id.version() != 7) {
            throw new PoisonEvent(field + " must be a UUIDv7, got " + id);
        }
        return id;
    }

    private static String requireToken(String value, String field) throws PoisonEvent {
        if (!Subjects.isToken(value)) {
            throw new PoisonEvent(field + " is not a valid id: " + value);
        }
        return value;
    }

    private static LocalDate dayOf(UUID messageId) {
        return LocalDate.ofInstant(UuidV7.timestamp(messageId), ZoneOffset.UTC);
    }
}
