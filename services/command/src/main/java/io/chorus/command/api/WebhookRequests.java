package io.chorus.command.api;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.util.List;

/** Bodies of the outgoing-webhook commands (decision 0210). */
public final class WebhookRequests {
    private WebhookRequests() {}

    /** {@code POST /v1/webhooks}: where to, which event types, for which channels (fixed for the registration). */
    @JsonIgnoreProperties(ignoreUnknown = false)
    public record CreateWebhook(String url, List<String> eventTypes, List<String> channelIds) {}

    /**
     * {@code PATCH /v1/webhooks/{id}}: a null field is left as it was; {@code paused} pauses or resumes delivery;
     * {@code rotateSecret} adds a new secret that signs alongside the old one for the rotation overlap.
     */
    @JsonIgnoreProperties(ignoreUnknown = false)
    public record UpdateWebhook(String url, List<String> eventTypes, Boolean paused, Boolean rotateSecret) {}
}
