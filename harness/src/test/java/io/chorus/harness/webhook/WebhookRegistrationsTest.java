package io.chorus.harness.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.chorus.harness.checker.WebhookChecker;
import io.chorus.harness.client.ChorusClient.Service;
import io.chorus.harness.history.RunClock;
import io.chorus.harness.scenario.WebhooksSpec;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Registering the fleet's receivers through the API, listing them, and redelivering their dead letters. */
class WebhookRegistrationsTest {
    private static final String SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
    private static final WebhooksSpec SPEC = new WebhooksSpec(
            2, "g", 2, List.of("message.created", "message.edited"), 0, 0, 0.05, Duration.ofMinutes(1));

    @Test
    void eachReceiverIsRegisteredForTheSectionsChannelsAndEventsAndTrustsItsSecret() {
        AtomicInteger made = new AtomicInteger();
        FakeApi api = new FakeApi(r -> r.method().equals("POST") && r.path().equals("/v1/webhooks")
                ? FakeApi.answer(
                        202,
                        "{\"webhookId\":\"w" + made.incrementAndGet() + "\",\"secret\":\"whsec_" + "A".repeat(43)
                                + "=\"}")
                : null);
        try (ReceiverFleet fleet = ReceiverFleet.start(2, new RunClock())) {
            WebhookRegistrations registrations = new WebhookRegistrations(api, "owner-token", SPEC);

            assertThat(registrations.register(fleet)).isEqualTo(Map.of("hook-1", "w1", "hook-2", "w2"));

            assertThat(api.requests()).hasSize(2);
            FakeApi.Request first = api.requests().get(0);
            assertThat(first.service()).isEqualTo(Service.COMMAND);
            assertThat(first.bearer()).isEqualTo("owner-token");
            assertThat(first.body())
                    .isEqualTo("{\"url\":\""
                            + fleet.receiver("hook-1").orElseThrow().url()
                            + "\",\"eventTypes\":[\"message.created\",\"message.edited\"],\"channelIds\":[\"g-0\","
                            + "\"g-1\"]}");
            assertThat(registrations.subscriptions())
                    .containsExactly(
                            new WebhookChecker.Subscription(
                                    "hook-1", Set.of("g-0", "g-1"), Set.of("message.created", "message.edited")),
                            new WebhookChecker.Subscription(
                                    "hook-2", Set.of("g-0", "g-1"), Set.of("message.created", "message.edited")));
        }
    }

    @Test
    void aRefusedRegistrationFailsNamingTheReceiverAndTheAnswer() {
        FakeApi api = new FakeApi(r -> FakeApi.answer(
                400, "{\"error\":{\"code\":\"invalid-url\",\"message\":\"loopback addresses are not allowed\"}}"));
        try (ReceiverFleet fleet = ReceiverFleet.start(1, new RunClock())) {
            assertThatThrownBy(() -> new WebhookRegistrations(api, "t", SPEC).register(fleet))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("hook-1")
                    .hasMessageContaining("invalid-url");
        }
    }

    @Test
    void everyRegistrationMustBeListedBeforeTheLoad() {
        String[] listing = {"{\"items\":[{\"webhookId\":\"w1\"}]}"};
        AtomicInteger made = new AtomicInteger();
        FakeApi api = new FakeApi(r -> switch (r.method() + " " + r.path()) {
            case "POST /v1/webhooks" ->
                FakeApi.answer(
                        202, "{\"webhookId\":\"w" + made.incrementAndGet() + "\",\"secret\":\"" + SECRET + "\"}");
            case "GET /v1/webhooks" -> FakeApi.answer(200, listing[0]);
            default -> null;
        });
        try (ReceiverFleet fleet = ReceiverFleet.start(2, new RunClock())) {
            WebhookRegistrations registrations = new WebhookRegistrations(api, "t", SPEC);
            registrations.register(fleet);

            assertThat(registrations.allListed()).isFalse();
            listing[0] = "{\"items\":[{\"webhookId\":\"w2\"},{\"webhookId\":\"w1\"},{\"webhookId\":\"other\"}]}";
            assertThat(registrations.allListed()).isTrue();
        }
    }

    @Test
    void deadLettersAreRedeliveredOnceEachAndPagedFromTheLastOneSeen() {
        FakeApi api = new FakeApi(r -> switch (r.method() + " " + r.path()) {
            case "POST /v1/webhooks" -> FakeApi.answer(202, "{\"webhookId\":\"w1\",\"secret\":\"" + SECRET + "\"}");
            case "GET /v1/webhooks/w1/failures?limit=100&after=0" ->
                FakeApi.answer(
                        200,
                        "{\"items\":[{\"failureId\":7,\"deliveryId\":\"msg_a\"},{\"failureId\":9,"
                                + "\"deliveryId\":\"msg_b\"}],\"next\":\"9\"}");
            case "GET /v1/webhooks/w1/failures?limit=100&after=9" -> FakeApi.answer(200, "{\"items\":[]}");
            case "POST /v1/webhooks/w1/failures/7/redeliver", "POST /v1/webhooks/w1/failures/9/redeliver" ->
                FakeApi.answer(202, "{}");
            default -> null;
        });
        try (ReceiverFleet fleet = ReceiverFleet.start(1, new RunClock())) {
            WebhookRegistrations registrations = new WebhookRegistrations(api, "t", SPEC);
            registrations.register(fleet);

            assertThat(registrations.redeliverFailures()).containsExactly("hook-1/msg_a", "hook-1/msg_b");
            assertThat(registrations.redeliverFailures()).isEmpty();
            assertThat(api.requests().stream()
                            .filter(r -> r.path().endsWith("/redeliver"))
                            .count())
                    .isEqualTo(2);
        }
    }

    @Test
    void aRefusedRedeliveryIsAskedForAgainNextTime() {
        AtomicInteger asked = new AtomicInteger();
        FakeApi api = new FakeApi(r -> switch (r.method() + " " + r.path()) {
            case "POST /v1/webhooks" -> FakeApi.answer(202, "{\"webhookId\":\"w1\",\"secret\":\"" + SECRET + "\"}");
            case "GET /v1/webhooks/w1/failures?limit=100&after=0" ->
                FakeApi.answer(200, "{\"items\":[{\"failureId\":3,\"deliveryId\":\"msg_c\"}]}");
            case "POST /v1/webhooks/w1/failures/3/redeliver" ->
                asked.incrementAndGet() == 1
                        ? FakeApi.answer(503, "{\"error\":{\"code\":\"unavailable\",\"message\":\"x\"}}")
                        : FakeApi.answer(202, "{}");
            default -> null;
        });
        try (ReceiverFleet fleet = ReceiverFleet.start(1, new RunClock())) {
            WebhookRegistrations registrations = new WebhookRegistrations(api, "t", SPEC);
            registrations.register(fleet);

            assertThat(registrations.redeliverFailures()).isEmpty();
            assertThat(registrations.redeliverFailures()).containsExactly("hook-1/msg_c");
        }
    }
}
