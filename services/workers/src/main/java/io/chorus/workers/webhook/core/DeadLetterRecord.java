package io.chorus.workers.webhook.core;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.chorus.common.events.Subjects;
import io.chorus.common.events.WebhookPayloads;
import java.io.IOException;
import java.util.Optional;

/**
 * A dead-letter record of one registration read back as the delivery it was (decision 0212): the body as it would
 * have been sent, under the {@code webhook-id} of every earlier attempt, so a receiver that already has the event
 * recognises it.
 */
public final class DeadLetterRecord {
    private DeadLetterRecord() {}

    /**
     * The delivery in the record stored on {@code subject}; empty when the record is not one of {@code webhookId}'s,
     * has no {@code webhook-id}, or its body is not a webhook of a subscribable type on a channel.
     */
    public static Optional<WebhookEvent> event(
            ObjectMapper json, String webhookId, String subject, String deliveryId, byte[] body) {
        if (!WebhookPayloads.deadLetterSubject(webhookId).equals(subject) || deliveryId == null || body == null) {
            return Optional.empty();
        }
        try {
            JsonNode webhook = json.readTree(body);
            String type = webhook.path("type").asText(null);
            String channelId = webhook.path("data").path("channelId").asText(null);
            if (type == null || !WebhookPayloads.SUBSCRIBABLE.contains(type) || !Subjects.isToken(channelId)) {
                return Optional.empty();
            }
            return Optional.of(new WebhookEvent(deliveryId, type, channelId, body));
        } catch (IOException e) {
            return Optional.empty();
        }
    }
}
