package io.chorus.workers.webhook.core;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class DeadLetterRecordTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final byte[] BODY =
            "{\"type\":\"message.created\",\"timestamp\":\"2026-01-01T00:00:00Z\",\"data\":{\"channelId\":\"c1\",\"text\":\"hi\"}}"
                    .getBytes(StandardCharsets.UTF_8);

    @Test
    void aRecordIsTheDeliveryItWasUnderItsOwnWebhookId() {
        WebhookEvent event = DeadLetterRecord.event(JSON, "w1", "dlq.webhook.w1", "msg_abc", BODY)
                .orElseThrow();
        assertThat(event.id()).isEqualTo("msg_abc");
        assertThat(event.type()).isEqualTo("message.created");
        assertThat(event.channelId()).isEqualTo("c1");
        assertThat(event.body()).isEqualTo(BODY);
    }

    @Test
    void anotherRegistrationsRecordOrAnUnreadableOneIsNothing() {
        assertThat(DeadLetterRecord.event(JSON, "w1", "dlq.webhook.w2", "msg_abc", BODY))
                .isEmpty();
        assertThat(DeadLetterRecord.event(JSON, "w1", "dlq.webhook", "msg_abc", BODY))
                .isEmpty();
        assertThat(DeadLetterRecord.event(JSON, "w1", "dlq.webhook.w1", null, BODY))
                .isEmpty();
        assertThat(DeadLetterRecord.event(
                        JSON, "w1", "dlq.webhook.w1", "msg_abc", "not json".getBytes(StandardCharsets.UTF_8)))
                .isEmpty();
        assertThat(DeadLetterRecord.event(
                        JSON,
                        "w1",
                        "dlq.webhook.w1",
                        "msg_abc",
                        "{\"type\":\"channel.created\",\"data\":{\"channelId\":\"c1\"}}"
                                .getBytes(StandardCharsets.UTF_8)))
                .isEmpty();
    }
}
