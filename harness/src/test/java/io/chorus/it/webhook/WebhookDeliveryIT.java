package io.chorus.it.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.chorus.common.events.Subjects;
import io.chorus.harness.Poll;
import io.chorus.harness.client.Response;
import io.chorus.harness.stack.LocalStackExtension;
import io.chorus.harness.stack.StackDescription;
import io.chorus.it.StackFixture;
import io.nats.client.Connection;
import io.nats.client.Nats;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Outgoing webhooks end to end (decisions 0210, 0211): registrations through the command service, the meta writer
 * and the query service; deliveries by the webhook pool to receivers on loopback that verify every signature with
 * the official Standard Webhooks library. The stack's webhook pool runs a shortened retry schedule.
 */
@ExtendWith(LocalStackExtension.class)
class WebhookDeliveryIT {
    private static final Duration DEADLINE = Duration.ofSeconds(60);
    private static final String TYPES = "[\"message.created\",\"members.added\"]";

    @Test
    void everyEventReachesEachEndpointByItsAnswersSignedAndInOrder(StackDescription stack) throws Exception {
        StackFixture api = new StackFixture(stack);
        String channel = StackFixture.id("hooks");
        assertThat(api.createChannel("alice", channel, "private", "bob").status())
                .isEqualTo(202);
        api.awaitChannel(channel, "alice", 2);

        try (WebhookReceiver healthy = new WebhookReceiver(WebhookReceiver.always(204));
                WebhookReceiver flaky =
                        new WebhookReceiver(attempt -> new WebhookReceiver.Answer(attempt <= 2 ? 500 : 200, null));
                WebhookReceiver throttled = new WebhookReceiver(
                        attempt -> new WebhookReceiver.Answer(attempt == 1 ? 429 : 200, attempt == 1 ? "1" : null));
                WebhookReceiver gone = new WebhookReceiver(WebhookReceiver.always(410))) {
            Map<WebhookReceiver, String> ids = new LinkedHashMap<>();
            for (WebhookReceiver receiver : List.of(healthy, flaky, throttled, gone)) {
                Response created = register(api, "alice", receiver.url(), channel);
                assertThat(created.status()).as(created.toString()).isEqualTo(202);
                assertThat(created.json().path("secret").asText()).startsWith("whsec_");
                receiver.trust(created.json().path("secret").asText());
                ids.put(receiver, created.json().path("webhookId").asText());
            }
            Poll.until(
                    DEADLINE,
                    () -> api.get("/v1/webhooks?channelId=" + channel, api.token("alice")),
                    r -> r.status() == 200 && r.json().path("items").size() == 4);

            // the pool re-reads registrations every 500 ms: a message every 2 s until the healthy endpoint hears one
            int[] polls = {0};
            Poll.until("the webhook pool delivers to a new registration", DEADLINE, () -> {
                if (polls[0]++ % 20 == 0) {
                    api.sendMessage("alice", channel, StackFixture.id("warm"), "warmup-" + polls[0]);
                }
                return !healthy.accepted().isEmpty();
            });

            // a poison event on the channel's subject: no receiver may ever see it
            try (Connection nats = Nats.connect(stack.nats().urls().get(0))) {
                nats.jetStream()
                        .publish(
                                Subjects.message(channel),
                                "{\"type\":\"message.created\",\"payload\":".getBytes(StandardCharsets.UTF_8));
            }
            List<String> texts = IntStream.range(0, 8).mapToObj(i -> "m" + i).toList();
            for (String text : texts) {
                Response sent = api.sendMessage("alice", channel, StackFixture.id("c"), text);
                assertThat(sent.status()).as(sent.toString()).isEqualTo(202);
            }
            assertThat(api.post("/v1/channels/" + channel + "/members", api.token("alice"), "{\"userIds\":[\"carol\"]}")
                            .status())
                    .isEqualTo(202);

            // the healthy endpoint: every event once, in order, each signature good
            List<WebhookReceiver.Delivery> received = Poll.until(
                    DEADLINE,
                    healthy::accepted,
                    d -> messageTexts(d).containsAll(texts) && types(d).contains("members.added"));
            assertThat(messageTexts(received))
                    .filteredOn(t -> t.startsWith("m"))
                    .containsExactlyElementsOf(texts);
            assertThat(healthy.deliveries()).allMatch(WebhookReceiver.Delivery::verified);
            assertThat(healthy.deliveries().stream().map(WebhookReceiver.Delivery::webhookId))
                    .doesNotHaveDuplicates();

            // the flaky endpoint: each event after two 500s, under the same webhook-id, still in order
            Poll.until(DEADLINE, () -> messageTexts(flaky.accepted()), t -> t.containsAll(texts));
            assertThat(messageTexts(flaky.accepted()).stream().filter(t -> t.startsWith("m")))
                    .containsExactlyElementsOf(texts);
            Map<String, Long> attemptsById = flaky.deliveries().stream()
                    .collect(Collectors.groupingBy(WebhookReceiver.Delivery::webhookId, Collectors.counting()));
            for (WebhookReceiver.Delivery accepted : flaky.accepted()) {
                assertThat(attemptsById.get(accepted.webhookId())).isEqualTo(3L);
            }
            assertThat(flaky.deliveries()).allMatch(WebhookReceiver.Delivery::verified);

            // the throttled endpoint: the second attempt waits out Retry-After: 1
            Poll.until(DEADLINE, () -> messageTexts(throttled.accepted()), t -> t.containsAll(texts));
            Map<String, List<WebhookReceiver.Delivery>> byId =
                    throttled.deliveries().stream().collect(Collectors.groupingBy(WebhookReceiver.Delivery::webhookId));
            for (List<WebhookReceiver.Delivery> tries : byId.values()) {
                if (tries.size() == 2) {
                    assertThat(Duration.between(tries.get(0).at(), tries.get(1).at()))
                            .isGreaterThanOrEqualTo(Duration.ofMillis(900));
                }
            }

            // the 410 endpoint: one request, then the registration is paused and hears nothing more
            String goneId = ids.get(gone);
            Poll.until(
                    DEADLINE,
                    () -> api.get("/v1/webhooks?channelId=" + channel, api.token("alice")),
                    r -> paused(r.json(), goneId));
            assertThat(gone.deliveries()).hasSize(1);

            // nothing a receiver got was anything but a well-formed, subscribed event
            for (WebhookReceiver receiver : List.of(healthy, flaky, throttled, gone)) {
                for (WebhookReceiver.Delivery d : receiver.deliveries()) {
                    JsonNode body = StackFixture.JSON.readTree(d.body());
                    assertThat(body.path("type").asText()).isIn("message.created", "members.added");
                    assertThat(body.path("data").path("channelId").asText()).isEqualTo(channel);
                }
            }
        }
    }

    @Test
    void registrationsAreRefusedWithClearErrors(StackDescription stack) {
        StackFixture api = new StackFixture(stack);
        String channel = StackFixture.id("hooks");
        assertThat(api.createChannel("alice", channel, "private", "bob").status())
                .isEqualTo(202);
        api.awaitChannel(channel, "alice", 2);

        Response member = register(api, "bob", "https://example.com/hook", channel);
        assertThat(member.status()).as(member.toString()).isEqualTo(403);
        Response metadata = register(api, "alice", "http://169.254.169.254/latest/meta-data/", channel);
        assertThat(metadata.status()).as(metadata.toString()).isEqualTo(422);
        assertThat(metadata.code()).isEqualTo("invalid_request");
        Response scheme = register(api, "alice", "ftp://example.com/hook", channel);
        assertThat(scheme.status()).isEqualTo(422);
        Response type = api.post(
                "/v1/webhooks",
                api.token("alice"),
                "{\"url\":\"https://example.com/h\",\"eventTypes\":[\"channel.created\"],\"channelIds\":[\"" + channel
                        + "\"]}");
        assertThat(type.status()).isEqualTo(422);
        Response missing = register(api, "alice", "https://example.com/hook", StackFixture.id("nochannel"));
        assertThat(missing.status()).as(missing.toString()).isEqualTo(404);
        Response unknown = api.send(
                "PATCH",
                stack.services().command().url() + "/v1/webhooks/" + StackFixture.id("w"),
                api.token("alice"),
                "{\"paused\":true}");
        assertThat(unknown.status()).as(unknown.toString()).isEqualTo(404);

        assertThat(api.get("/v1/webhooks?channelId=" + channel, api.token("alice"))
                        .json()
                        .path("items")
                        .size())
                .isZero();
        assertThat(api.get("/v1/webhooks?channelId=" + channel, api.token("bob"))
                        .status())
                .isEqualTo(403);
    }

    @Test
    void aRotatedSecretSignsAtOnceAndADeletedWebhookHearsNoMore(StackDescription stack) throws Exception {
        StackFixture api = new StackFixture(stack);
        String channel = StackFixture.id("hooks");
        assertThat(api.createChannel("alice", channel, "private", "bob").status())
                .isEqualTo(202);
        api.awaitChannel(channel, "alice", 2);
        String command = stack.services().command().url();

        try (WebhookReceiver first = new WebhookReceiver(WebhookReceiver.always(200));
                WebhookReceiver second = new WebhookReceiver(WebhookReceiver.always(200))) {
            Response created = register(api, "alice", first.url(), channel);
            String webhookId = created.json().path("webhookId").asText();
            first.trust(created.json().path("secret").asText());
            awaitDelivery(api, channel, first, 0, d -> true);

            Response byMember = api.send(
                    "PATCH", command + "/v1/webhooks/" + webhookId, api.token("bob"), "{\"rotateSecret\":true}");
            assertThat(byMember.status()).as(byMember.toString()).isEqualTo(403);
            Response rotated = api.send(
                    "PATCH", command + "/v1/webhooks/" + webhookId, api.token("alice"), "{\"rotateSecret\":true}");
            assertThat(rotated.status()).as(rotated.toString()).isEqualTo(202);
            String newSecret = rotated.json().path("secret").asText();
            assertThat(newSecret)
                    .startsWith("whsec_")
                    .isNotEqualTo(created.json().path("secret").asText());
            // a receiver that knows only the new secret verifies once the rotation is read; the old one still signs
            first.trust(newSecret);
            int beforeRotation = first.accepted().size();
            awaitDelivery(api, channel, first, beforeRotation, WebhookReceiver.Delivery::verified);

            Response deleted = api.send("DELETE", command + "/v1/webhooks/" + webhookId, api.token("alice"), null);
            assertThat(deleted.status()).as(deleted.toString()).isEqualTo(202);
            Poll.until(
                    DEADLINE,
                    () -> api.get("/v1/webhooks?channelId=" + channel, api.token("alice")),
                    r -> r.status() == 200 && r.json().path("items").isEmpty());
            // the meta writer applies META in order, so a pool that knows the second webhook no longer knows the first
            Response again = register(api, "alice", second.url(), channel);
            second.trust(again.json().path("secret").asText());
            awaitDelivery(api, channel, second, 0, d -> true);
            int heard = first.deliveries().size();
            String last = StackFixture.id("last");
            api.sendMessage("alice", channel, StackFixture.id("c"), last);
            Poll.until(DEADLINE, () -> messageTexts(second.accepted()), t -> t.contains(last));
            assertThat(messageTexts(first.deliveries())).doesNotContain(last);
            assertThat(first.deliveries()).hasSize(heard);
            Response gone = api.send("DELETE", command + "/v1/webhooks/" + webhookId, api.token("alice"), null);
            assertThat(gone.status()).as(gone.toString()).isEqualTo(404);
        }
    }

    /** Sends a message every 2 s until the receiver has a delivery past {@code from} that satisfies {@code wanted}. */
    private static void awaitDelivery(
            StackFixture api,
            String channel,
            WebhookReceiver receiver,
            int from,
            java.util.function.Predicate<WebhookReceiver.Delivery> wanted) {
        int[] polls = {0};
        Poll.until("a delivery to " + receiver.url(), DEADLINE, () -> {
            if (polls[0]++ % 20 == 0) {
                api.sendMessage("alice", channel, StackFixture.id("warm"), "warmup-" + polls[0]);
            }
            return receiver.accepted().stream().skip(from).anyMatch(wanted);
        });
    }

    private static Response register(StackFixture api, String user, String url, String channel) {
        return api.post(
                "/v1/webhooks",
                api.token(user),
                "{\"url\":\"" + url + "\",\"eventTypes\":" + TYPES + ",\"channelIds\":[\"" + channel + "\"]}");
    }

    private static boolean paused(JsonNode page, String webhookId) {
        for (JsonNode item : page.path("items")) {
            if (item.path("webhookId").asText().equals(webhookId)) {
                return item.path("paused").asBoolean();
            }
        }
        return false;
    }

    private static List<String> messageTexts(List<WebhookReceiver.Delivery> deliveries) {
        List<String> texts = new ArrayList<>();
        for (WebhookReceiver.Delivery d : deliveries) {
            JsonNode body = read(d.body());
            if ("message.created".equals(body.path("type").asText())) {
                texts.add(body.path("data").path("text").asText());
            }
        }
        return texts;
    }

    private static List<String> types(List<WebhookReceiver.Delivery> deliveries) {
        return deliveries.stream()
                .map(d -> read(d.body()).path("type").asText())
                .toList();
    }

    private static JsonNode read(String body) {
        try {
            return StackFixture.JSON.readTree(body);
        } catch (Exception e) {
            throw new AssertionError("a delivery that is not JSON: " + body, e);
        }
    }
}
