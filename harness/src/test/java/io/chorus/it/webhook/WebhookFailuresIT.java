package io.chorus.it.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.chorus.harness.Poll;
import io.chorus.harness.client.Response;
import io.chorus.harness.stack.LocalStackExtension;
import io.chorus.harness.stack.StackDescription;
import io.chorus.it.StackFixture;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Dead letters an owner can list and redeliver (decision 0212): an endpoint that fails past the stack's shortened
 * retry schedule leaves a failure record; its owner lists it and, once the receiver is healthy again, redelivers it
 * under the same {@code webhook-id}, signed with the registration's secret.
 */
@ExtendWith(LocalStackExtension.class)
class WebhookFailuresIT {
    private static final Duration DEADLINE = Duration.ofSeconds(60);

    @Test
    void aDeliveryGivenUpOnIsListedAndRedeliveredUnderItsWebhookId(StackDescription stack) throws Exception {
        StackFixture api = new StackFixture(stack);
        String channel = StackFixture.id("dlq");
        assertThat(api.createChannel("alice", channel, "private", "bob").status())
                .isEqualTo(202);
        api.awaitChannel(channel, "alice", 2);
        AtomicBoolean healthy = new AtomicBoolean(false);

        try (WebhookReceiver receiver =
                new WebhookReceiver(attempt -> new WebhookReceiver.Answer(healthy.get() ? 200 : 500, null))) {
            Response created = api.post(
                    "/v1/webhooks",
                    api.token("alice"),
                    "{\"url\":\"" + receiver.url() + "\",\"eventTypes\":[\"message.created\"],\"channelIds\":[\""
                            + channel + "\"]}");
            assertThat(created.status()).as(created.toString()).isEqualTo(202);
            String webhookId = created.json().path("webhookId").asText();
            receiver.trust(created.json().path("secret").asText());
            String failures = "/v1/webhooks/" + webhookId + "/failures";

            // the pool reads registrations every 500 ms: a message every 2 s until the receiver hears one
            int[] polls = {0};
            Poll.until("the webhook pool reaches the new registration", DEADLINE, () -> {
                if (polls[0]++ % 20 == 0) {
                    api.sendMessage("alice", channel, StackFixture.id("warm"), "warmup-" + polls[0]);
                }
                return !receiver.deliveries().isEmpty();
            });
            // the breaker may be open by now, dead-lettering without an attempt: the delivery is known by its event
            String lost = StackFixture.id("lost");
            Response sentLost = api.sendMessage("alice", channel, StackFixture.id("c"), lost);
            assertThat(sentLost.status()).as(sentLost.toString()).isEqualTo(202);
            String deliveryId =
                    "msg_" + sentLost.json().path("eventId").asText().replace("-", "");

            // every attempt failed: the owner finds the record, with why and after how many attempts
            JsonNode failure = Poll.until(
                            DEADLINE,
                            () -> failureOf(api.get(failures + "?limit=100", api.token("alice")), deliveryId),
                            Optional::isPresent)
                    .orElseThrow();
            assertThat(failure.path("eventType").asText()).isEqualTo("message.created");
            assertThat(failure.path("channelId").asText()).isEqualTo(channel);
            assertThat(failure.path("error").asText()).isNotBlank();
            assertThat(failure.path("attempts").isInt()).isTrue();
            assertThat(receiver.deliveries().stream().filter(d -> d.webhookId().equals(deliveryId)))
                    .allMatch(WebhookReceiver.Delivery::verified)
                    .allMatch(d -> d.status() == 500);
            long failureId = failure.path("failureId").asLong();

            // pages: one at a time, the next page after the first
            Response first = api.get(failures + "?limit=1", api.token("alice"));
            assertThat(first.status()).isEqualTo(200);
            assertThat(first.json().path("items").size()).isEqualTo(1);
            Response second = api.get(
                    failures + "?limit=1&after=" + first.json().path("next").asText(), api.token("alice"));
            assertThat(second.json().path("items").get(0).path("failureId").asLong())
                    .isGreaterThan(
                            first.json().path("items").get(0).path("failureId").asLong());

            // only the channel's managers; clear 4xx for bad input
            assertThat(api.get(failures, api.token("bob")).status()).isEqualTo(403);
            assertThat(api.get(failures + "?limit=0", api.token("alice")).code())
                    .isEqualTo("invalid_request");
            assertThat(api.get(failures + "?after=x", api.token("alice")).status())
                    .isEqualTo(422);
            assertThat(api.get("/v1/webhooks/" + StackFixture.id("none") + "/failures", api.token("alice"))
                            .status())
                    .isEqualTo(404);
            String redeliver = failures + "/" + failureId + "/redeliver";
            assertThat(api.post(redeliver, api.token("bob"), null).status()).isEqualTo(403);
            Response notANumber = api.post(failures + "/x/redeliver", api.token("alice"), null);
            assertThat(notANumber.status()).as(notANumber.toString()).isEqualTo(422);
            assertThat(api.post(failures + "/" + (failureId + 1_000_000) + "/redeliver", api.token("alice"), null)
                            .status())
                    .isEqualTo(404);

            // the receiver recovers; once a fresh message gets through, redeliver. While the breaker is open a
            // message is dead-lettered without an attempt, so a fresh one every 2 s until the breaker's probe passes
            healthy.set(true);
            String fresh = StackFixture.id("fresh");
            int[] tries = {0};
            Poll.until("a fresh message through the recovered receiver", DEADLINE, () -> {
                if (tries[0]++ % 20 == 0) {
                    api.sendMessage("alice", channel, StackFixture.id("c"), fresh + "-" + tries[0]);
                }
                return receiver.accepted().stream().anyMatch(d -> d.body().contains(fresh));
            });
            assertThat(receiver.accepted()).noneMatch(d -> d.webhookId().equals(deliveryId));

            Response redelivered = api.post(redeliver, api.token("alice"), null);
            assertThat(redelivered.status()).as(redelivered.toString()).isEqualTo(202);
            WebhookReceiver.Delivery got = Poll.until(
                            DEADLINE,
                            () -> receiver.accepted().stream()
                                    .filter(d -> d.webhookId().equals(deliveryId))
                                    .findFirst(),
                            Optional::isPresent)
                    .orElseThrow();
            assertThat(got.verified()).isTrue();
            assertThat(got.body()).contains(lost);
        }
    }

    private static Optional<JsonNode> failureOf(Response page, String deliveryId) {
        if (page.status() != 200) {
            return Optional.empty();
        }
        for (JsonNode item : page.json().path("items")) {
            if (deliveryId.equals(item.path("deliveryId").asText())) {
                return Optional.of(item);
            }
        }
        return Optional.empty();
    }
}
