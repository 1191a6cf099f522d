package io.chorus.common.events;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import java.util.Set;

/**
 * Outgoing webhook registrations on the {@code META} stream (decision 0210): {@code webhook.created},
 * {@code webhook.updated} and {@code webhook.deleted} on {@code chat.meta.webhook.<webhookId>}, so one
 * registration's events are in order. The envelope's {@code channelId} is null: a registration may serve several
 * channels, named in {@link WebhookChange#channelIds}.
 */
public final class WebhookPayloads {
    public static final String WEBHOOK_CREATED = "webhook.created";
    public static final String WEBHOOK_UPDATED = "webhook.updated";
    public static final String WEBHOOK_DELETED = "webhook.deleted";
    /**
     * An owner asks for one dead-letter record to be sent again (decision 0212), on
     * {@link #redeliverySubject(String)}: the webhook pool acts on it; the meta writer stores nothing for it.
     */
    public static final String WEBHOOK_REDELIVERY_REQUESTED = "webhook.redelivery.requested";

    /** The backbone's event types a registration may ask for; the webhook's {@code type} is the same name. */
    public static final Set<String> SUBSCRIBABLE = Set.of(
            EventTypes.MESSAGE_CREATED,
            EventTypes.MESSAGE_EDITED,
            EventTypes.MESSAGE_DELETED,
            EventTypes.MEMBERS_ADDED,
            EventTypes.MEMBER_REMOVED);

    private WebhookPayloads() {}

    public static boolean isWebhookEvent(String type) {
        return WEBHOOK_CREATED.equals(type) || WEBHOOK_UPDATED.equals(type) || WEBHOOK_DELETED.equals(type);
    }

    public static String subject(String webhookId) {
        return Subjects.META_PREFIX + "webhook." + Subjects.requireToken(webhookId);
    }

    /**
     * Redelivery requests of one registration: beside, not on, its registration subject, whose last event says who
     * may change it.
     */
    public static String redeliverySubject(String webhookId) {
        return subject(webhookId) + ".redeliver";
    }

    /** The header of a dead-letter record that names its registration. */
    public static final String WEBHOOK_ID_HEADER = "Chorus-Webhook-Id";

    /** The header of a dead-letter record that carries the {@code webhook-id} every attempt was sent with. */
    public static final String DELIVERY_ID_HEADER = "webhook-id";

    /** The redelivery requests of every registration, for the webhook pool's consumer. */
    public static final String REDELIVERY_FILTER = Subjects.META_PREFIX + "webhook.*.redeliver";

    /** One registration's dead-letter records in {@code DEADLETTER} (decision 0212): listed by that subject. */
    public static String deadLetterSubject(String webhookId) {
        return Subjects.deadLetter("webhook") + "." + Subjects.requireToken(webhookId);
    }

    /** The payload of {@link #WEBHOOK_REDELIVERY_REQUESTED}: the dead-letter record's sequence in {@code DEADLETTER}. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record RedeliveryRequested(String webhookId, long failureId) {}

    /**
     * Every webhook event's payload. {@code channelIds} (fixed at creation) and {@code ownerId} ride on every event so
     * that the last event on a registration's subject is enough to authorise a change to it. In an update a null
     * field is left as it was; a {@code secret} there is added to the registration's secrets (a rotation).
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record WebhookChange(
            String webhookId,
            String ownerId,
            List<String> channelIds,
            String url,
            List<String> eventTypes,
            String secret,
            Boolean paused) {}
}
