package io.chorus.common.events;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.UUID;

/**
 * The one envelope of every event on the backbone (decision 0002). The JetStream stream sequence is not
 * part of the published body: consumers take it from the message metadata and hand it on as {@code seq}.
 *
 * @param id         UUIDv7 of the event; for a message event, the message id
 * @param type       what happened, e.g. {@code message.created}
 * @param channelId  the channel it concerns (null for user events)
 * @param actorId    the user who caused it
 * @param occurredAt when the command was accepted
 * @param payload    the type's own fields
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record EventEnvelope(
        UUID id, String type, String channelId, String actorId, Instant occurredAt, JsonNode payload) {}
