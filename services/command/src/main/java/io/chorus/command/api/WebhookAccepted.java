package io.chorus.command.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.UUID;

/**
 * The 202 of a webhook command. {@code secret} ({@code whsec_...}) is shown only when it was made: on creation and
 * on a rotation; nothing answers it again.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record WebhookAccepted(String webhookId, String secret, UUID eventId, long seq, Boolean duplicate) {}
