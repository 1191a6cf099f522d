package io.chorus.query.nats;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.chorus.common.api.ApiException;
import io.chorus.common.events.Subjects;
import io.chorus.common.events.WebhookPayloads;
import io.chorus.common.nats.DeadLetters;
import io.chorus.common.nats.ManagedNatsConnection;
import io.chorus.query.api.WebhookFailure;
import io.chorus.query.api.WebhookFailurePage;
import io.nats.client.JetStreamApiException;
import io.nats.client.JetStreamManagement;
import io.nats.client.api.MessageInfo;
import io.nats.client.impl.Headers;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * A registration's dead-letter records, read from {@code DEADLETTER} where the webhook pool writes them
 * ({@code dlq.webhook.<webhookId>}, decision 0212), one direct get per record: a page is at most a hundred.
 */
public final class WebhookFailureReads {
    /** JetStream's "no message found" API error code. */
    private static final int NO_MESSAGE = 10037;

    private final ManagedNatsConnection nats;
    private final ObjectMapper json;

    public WebhookFailureReads(ManagedNatsConnection nats, ObjectMapper json) {
        this.nats = nats;
        this.json = json;
    }

    /** Up to {@code limit} records after the sequence {@code after}, oldest first. */
    public WebhookFailurePage page(String webhookId, long after, int limit) {
        String subject = WebhookPayloads.deadLetterSubject(webhookId);
        List<WebhookFailure> items = new ArrayList<>();
        try {
            JetStreamManagement jsm = nats.connection().jetStreamManagement();
            long from = after + 1;
            while (items.size() < limit) {
                MessageInfo record = next(jsm, from, subject);
                if (record == null) {
                    break;
                }
                items.add(failure(webhookId, record));
                from = record.getSeq() + 1;
            }
        } catch (IOException | JetStreamApiException e) {
            throw new ApiException(503, "unavailable", "cannot read the webhook's failures: " + e.getMessage());
        }
        String next = items.size() == limit
                ? Long.toString(items.get(items.size() - 1).failureId())
                : null;
        return new WebhookFailurePage(items, next);
    }

    private static MessageInfo next(JetStreamManagement jsm, long from, String subject)
            throws IOException, JetStreamApiException {
        try {
            return jsm.getNextMessage(Subjects.DEAD_LETTER_STREAM, from, subject);
        } catch (JetStreamApiException e) {
            if (e.getApiErrorCode() == NO_MESSAGE || e.getErrorCode() == 404) {
                return null;
            }
            throw e;
        }
    }

    private WebhookFailure failure(String webhookId, MessageInfo record) {
        Headers headers = record.getHeaders() == null ? new Headers() : record.getHeaders();
        JsonNode body = body(record.getData());
        return new WebhookFailure(
                record.getSeq(),
                webhookId,
                headers.getFirst(WebhookPayloads.DELIVERY_ID_HEADER),
                body.path("type").asText(null),
                body.path("data").path("channelId").asText(null),
                body.path("data").path("eventId").asText(null),
                headers.getFirst(DeadLetters.ERROR_HEADER),
                attempts(headers.getFirst(DeadLetters.DELIVERIES_HEADER)),
                record.getTime() == null ? null : record.getTime().toInstant());
    }

    private JsonNode body(byte[] data) {
        try {
            return data == null ? json.createObjectNode() : json.readTree(data);
        } catch (IOException e) {
            return json.createObjectNode();
        }
    }

    private static Integer attempts(String header) {
        try {
            return header == null ? null : Integer.valueOf(header);
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
