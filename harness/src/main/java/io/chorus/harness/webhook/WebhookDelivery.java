package io.chorus.harness.webhook;

/**
 * One request a receiver of the fleet got, as the webhook checker reads it.
 *
 * @param endpoint          the receiver's name ({@code hook-3})
 * @param webhookId         the {@code webhook-id} header: the same on every attempt of one event
 * @param type              the body's {@code type} ({@code message.created})
 * @param channelId         the body's {@code data.channelId}
 * @param clientMsgId       the body's {@code data.clientMsgId}, for a message; null otherwise
 * @param eventAtMicros     the body's {@code timestamp} (when the event was made), epoch microseconds; 0 if absent
 * @param receivedAtMicros  when the request arrived, on the run's clock
 * @param signatureOk       whether {@code webhook-signature} verified with the endpoint's secret
 * @param status            what the receiver answered (0: it took the request but never answered)
 */
public record WebhookDelivery(
        String endpoint,
        String webhookId,
        String type,
        String channelId,
        String clientMsgId,
        long eventAtMicros,
        long receivedAtMicros,
        boolean signatureOk,
        int status) {

    /** Whether the receiver answered 2xx, which is what makes a delivery count. */
    public boolean accepted() {
        return status / 100 == 2;
    }

    /** From the event's making to its arrival, in microseconds. */
    public long latencyMicros() {
        return receivedAtMicros - eventAtMicros;
    }
}
