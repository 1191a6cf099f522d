package io.chorus.workers.webhook.core;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.chorus.common.events.EventEnvelope;
import io.chorus.common.events.Subjects;
import io.chorus.common.events.WebhookPayloads;
import java.util.Optional;

/**
 * A backbone event as a webhook: {@code id} is the event's id (the same on every attempt and every endpoint, so a
 * receiver deduplicates on {@code webhook-id}); the body is the Standard Webhooks shape {@code {type, timestamp,
 * data}} with the channel, actor, event id and the event's own fields in {@code data}.
 */
public record WebhookEvent(String id, String type, String channelId, byte[] body) {

    /** The webhook for an event of a type a registration may ask for; empty for any other event. */
    public static Optional<WebhookEvent> of(ObjectMapper json, EventEnvelope event) throws JsonProcessingException {
        if (event == null
                || !WebhookPayloads.SUBSCRIBABLE.contains(event.type())
                || event.id() == null
                || !Subjects.isToken(event.channelId())) {
            return Optional.empty();
        }
        ObjectNode data = json.createObjectNode();
        data.put("eventId", event.id().toString());
        data.put("channelId", event.channelId());
        data.put("actorId", event.actorId());
        if (event.payload() != null && event.payload().isObject()) {
            event.payload().fields().forEachRemaining(f -> data.putIfAbsent(f.getKey(), f.getValue()));
        }
        ObjectNode body = json.createObjectNode();
        body.put("type", event.type());
        body.put(
                "timestamp",
                event.occurredAt() == null ? null : event.occurredAt().toString());
        body.set("data", data);
        return Optional.of(new WebhookEvent(
                "msg_" + event.id().toString().replace("-", ""),
                event.type(),
                event.channelId(),
                json.writeValueAsBytes(body)));
    }
}
