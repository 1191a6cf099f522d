package io.chorus.harness.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.standardwebhooks.Webhook;
import io.chorus.harness.history.RunClock;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The fleet's receivers on real loopback sockets: verification, records, and every mode a fault can set. */
class ReceiverFleetTest {
    private static final String SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
    private static final String BODY =
            "{\"type\":\"message.created\",\"timestamp\":\"2026-01-01T00:00:00Z\",\"data\":{\"channelId\":\"c1\","
                    + "\"clientMsgId\":\"m1\",\"text\":\"hi\"}}";

    @Test
    void aSignedRequestIsVerifiedAndRecorded() throws Exception {
        try (ReceiverFleet fleet = ReceiverFleet.start(2, new RunClock())) {
            LoopbackReceiver hook = fleet.receiver("hook-2").orElseThrow();
            hook.trust(SECRET);
            assertThat(post(hook, "msg_1", SECRET).statusCode()).isEqualTo(204);
            assertThat(post(hook, "msg_2", "whsec_" + "A".repeat(43) + "=").statusCode())
                    .isEqualTo(204);

            assertThat(hook.deliveries()).hasSize(2);
            WebhookDelivery first = hook.deliveries().get(0);
            assertThat(first.endpoint()).isEqualTo("hook-2");
            assertThat(first.webhookId()).isEqualTo("msg_1");
            assertThat(first.type()).isEqualTo("message.created");
            assertThat(first.channelId()).isEqualTo("c1");
            assertThat(first.clientMsgId()).isEqualTo("m1");
            assertThat(first.eventAtMicros())
                    .isEqualTo(Instant.parse("2026-01-01T00:00:00Z").getEpochSecond() * 1_000_000L);
            assertThat(first.signatureOk()).isTrue();
            assertThat(first.accepted()).isTrue();
            assertThat(hook.deliveries().get(1).signatureOk()).isFalse();
            assertThat(fleet.receiver("hook-1").orElseThrow().deliveries()).isEmpty();
            assertThat(fleet.deliveries()).hasSize(2);
        }
    }

    @Test
    void eachModeAnswersAsAFailingEndpointWould() throws Exception {
        try (ReceiverFleet fleet = ReceiverFleet.start(1, new RunClock())) {
            LoopbackReceiver hook = fleet.receiver("hook-1").orElseThrow();
            hook.trust(SECRET);
            String url = hook.url();

            hook.answer(new ReceiverMode.Failing(503));
            assertThat(post(hook, "msg_1", SECRET).statusCode()).isEqualTo(503);
            hook.answer(new ReceiverMode.Throttling(Duration.ofSeconds(2)));
            HttpResponse<Void> throttled = post(hook, "msg_2", SECRET);
            assertThat(throttled.statusCode()).isEqualTo(429);
            assertThat(throttled.headers().firstValue("retry-after")).hasValue("2");
            hook.answer(new ReceiverMode.Gone());
            assertThat(post(hook, "msg_3", SECRET).statusCode()).isEqualTo(410);
            hook.answer(new ReceiverMode.Slow(Duration.ofMillis(300)));
            long before = System.nanoTime();
            assertThat(post(hook, "msg_4", SECRET).statusCode()).isEqualTo(204);
            assertThat(Duration.ofNanos(System.nanoTime() - before)).isGreaterThanOrEqualTo(Duration.ofMillis(300));

            hook.answer(new ReceiverMode.Down());
            assertThatThrownBy(() -> post(hook, "msg_5", SECRET)).isInstanceOf(IOException.class);
            hook.answer(ReceiverMode.HEALTHY);
            assertThat(hook.url()).isEqualTo(url);
            assertThat(post(hook, "msg_6", SECRET).statusCode()).isEqualTo(204);

            assertThat(hook.deliveries()).extracting(WebhookDelivery::status).containsExactly(503, 429, 410, 204, 204);
            assertThat(hook.deliveries()).allMatch(WebhookDelivery::signatureOk);
        }
    }

    @Test
    void aClosedFleetListensNoMore() throws Exception {
        LoopbackReceiver hook;
        try (ReceiverFleet fleet = ReceiverFleet.start(1, new RunClock())) {
            hook = fleet.receiver("hook-1").orElseThrow();
            assertThat(post(hook, "msg_1", SECRET).statusCode()).isEqualTo(204);
        }
        assertThatThrownBy(() -> post(hook, "msg_2", SECRET)).isInstanceOf(IOException.class);
    }

    @Test
    void receiverNamesAreHookAndANumber() {
        assertThat(ReceiverFleet.isReceiverName("hook-1")).isTrue();
        assertThat(ReceiverFleet.isReceiverName("hook-50")).isTrue();
        assertThat(ReceiverFleet.isReceiverName("hook-0")).isFalse();
        assertThat(ReceiverFleet.isReceiverName("hooks")).isFalse();
        assertThat(ReceiverFleet.isReceiverName("nats-1")).isFalse();
    }

    private HttpResponse<Void> post(LoopbackReceiver hook, String id, String secret) throws Exception {
        long timestamp = Instant.now().getEpochSecond();
        String signature = new Webhook(secret).sign(id, timestamp, BODY);
        // a client per request: no pooled connection outlives a receiver that went down
        HttpClient http =
                HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        return http.send(
                HttpRequest.newBuilder(URI.create(hook.url()))
                        .timeout(Duration.ofSeconds(5))
                        .header("webhook-id", id)
                        .header("webhook-timestamp", Long.toString(timestamp))
                        .header("webhook-signature", signature)
                        .POST(HttpRequest.BodyPublishers.ofString(BODY))
                        .build(),
                HttpResponse.BodyHandlers.discarding());
    }
}
