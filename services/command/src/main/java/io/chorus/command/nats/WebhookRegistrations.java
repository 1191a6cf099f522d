package io.chorus.command.nats;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.chorus.common.api.ApiException;
import io.chorus.common.events.EventEnvelope;
import io.chorus.common.events.Subjects;
import io.chorus.common.events.WebhookPayloads;
import io.nats.client.Connection;
import io.nats.client.JetStreamApiException;
import io.nats.client.api.MessageInfo;
import java.io.IOException;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * A registration's current scope, read from the last event on its {@code META} subject: every webhook event
 * carries the owner and channels, so that event alone says who may change the registration (decision 0210).
 */
public final class WebhookRegistrations {
    /** JetStream's "no message found" API error code. */
    private static final int NO_MESSAGE = 10037;

    private final Supplier<Connection> nats;
    private final ObjectMapper json;

    public WebhookRegistrations(Supplier<Connection> nats, ObjectMapper json) {
        this.nats = nats;
        this.json = json;
    }

    /** The last change of a registration that exists; empty when it was never created or has been deleted. */
    public Optional<WebhookPayloads.WebhookChange> current(String webhookId) {
        try {
            MessageInfo last = nats.get()
                    .jetStreamManagement()
                    .getLastMessage(Subjects.META_STREAM, WebhookPayloads.subject(webhookId));
            EventEnvelope event = json.readValue(last.getData(), EventEnvelope.class);
            if (WebhookPayloads.WEBHOOK_DELETED.equals(event.type())) {
                return Optional.empty();
            }
            return Optional.of(json.treeToValue(event.payload(), WebhookPayloads.WebhookChange.class));
        } catch (JetStreamApiException e) {
            if (e.getApiErrorCode() == NO_MESSAGE || e.getErrorCode() == 404) {
                return Optional.empty();
            }
            throw unavailable(e);
        } catch (IOException e) {
            throw unavailable(e);
        }
    }

    /** Whether {@code DEADLETTER} holds a record of this registration at {@code failureId} (decision 0212). */
    public boolean hasFailure(String webhookId, long failureId) {
        try {
            MessageInfo record = nats.get().jetStreamManagement().getMessage(Subjects.DEAD_LETTER_STREAM, failureId);
            return WebhookPayloads.deadLetterSubject(webhookId).equals(record.getSubject());
        } catch (JetStreamApiException e) {
            if (e.getApiErrorCode() == NO_MESSAGE || e.getErrorCode() == 404) {
                return false;
            }
            throw unavailable(e);
        } catch (IOException e) {
            throw unavailable(e);
        }
    }

    private static ApiException unavailable(Exception e) {
        return new ApiException(503, "unavailable", "cannot read the webhook registration: " + e.getMessage());
    }
}
