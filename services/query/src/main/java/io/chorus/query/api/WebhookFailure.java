package io.chorus.query.api;

import java.time.Instant;

/**
 * One dead-letter record of a webhook registration (decision 0212): the delivery that was given up on, why, after
 * how many attempts, and when. {@code failureId} is what a redelivery names; {@code deliveryId} is the
 * {@code webhook-id} the receiver saw on every attempt and sees again on a redelivery.
 */
public record WebhookFailure(
        long failureId,
        String webhookId,
        String deliveryId,
        String eventType,
        String channelId,
        String eventId,
        String error,
        Integer attempts,
        Instant failedAt) {}
