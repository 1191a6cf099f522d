package io.chorus.harness.webhook;

import com.fasterxml.jackson.databind.JsonNode;
import io.chorus.harness.checker.WebhookChecker;
import io.chorus.harness.client.ChorusClient.Service;
import io.chorus.harness.client.Response;
import io.chorus.harness.scenario.WebhooksSpec;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * One outgoing webhook per receiver of the fleet, registered through the API by the channels' owner
 * ({@code POST /v1/webhooks}, decision 0210): the receiver's URL, the section's event types and channels. Each
 * receiver is told the secret its registration answered, so it verifies every signature. Also what the checker
 * needs of them, and the owner's redelivery of their dead letters (decision 0212).
 */
public final class WebhookRegistrations {
    private final WebhookApi api;
    private final String ownerBearer;
    private final WebhooksSpec spec;
    private final Map<String, String> webhookIds = new LinkedHashMap<>(); // endpoint -> webhookId
    private final Map<String, String> failureCursors = new LinkedHashMap<>(); // endpoint -> last failureId seen

    public WebhookRegistrations(WebhookApi api, String ownerBearer, WebhooksSpec spec) {
        this.api = api;
        this.ownerBearer = ownerBearer;
        this.spec = spec;
    }

    /** Registers every receiver of {@code fleet}; throws naming the receiver and the answer when one is refused. */
    public Map<String, String> register(ReceiverFleet fleet) {
        for (LoopbackReceiver receiver : fleet.receivers()) {
            Response created = api.send(Service.COMMAND, "POST", "/v1/webhooks", ownerBearer, body(receiver.url()));
            String webhookId = created.json() == null
                    ? ""
                    : created.json().path("webhookId").asText("");
            String secret =
                    created.json() == null ? "" : created.json().path("secret").asText("");
            if (created.status() != 202 || webhookId.isEmpty() || secret.isEmpty()) {
                throw new IllegalStateException(
                        "registering the webhook of " + receiver.name() + " was refused: " + created);
            }
            receiver.trust(secret);
            webhookIds.put(receiver.name(), webhookId);
        }
        return Map.copyOf(webhookIds);
    }

    /** The request body of one registration. */
    String body(String url) {
        return "{\"url\":\"" + url + "\",\"eventTypes\":" + quoted(spec.events()) + ",\"channelIds\":"
                + quoted(spec.channelIds()) + "}";
    }

    /**
     * Whether the owner's listing ({@code GET /v1/webhooks}) shows every registration: the meta writer has stored
     * them where the dispatcher reads them, which it does every {@code registrationRefresh}.
     */
    public boolean allListed() {
        Response listed = api.send(Service.QUERY, "GET", "/v1/webhooks", ownerBearer, null);
        if (listed.status() != 200 || listed.json() == null) {
            return false;
        }
        Set<String> ids = new HashSet<>();
        listed.json()
                .path("items")
                .forEach(item -> ids.add(item.path("webhookId").asText()));
        return ids.containsAll(webhookIds.values());
    }

    /** What each registration wants, as the checker judges it. */
    public List<WebhookChecker.Subscription> subscriptions() {
        return webhookIds.keySet().stream()
                .map(endpoint -> new WebhookChecker.Subscription(
                        endpoint, Set.copyOf(spec.channelIds()), Set.copyOf(spec.events())))
                .toList();
    }

    /**
     * The owner redelivers every dead letter listed since the last call, registration by registration; returns the
     * {@code endpoint/webhook-id} of each redelivery the API accepted (as {@link WebhookChecker} names them).
     */
    public List<String> redeliverFailures() {
        List<String> redelivered = new ArrayList<>();
        webhookIds.forEach((endpoint, webhookId) -> redeliver(endpoint, webhookId, redelivered));
        return redelivered;
    }

    private void redeliver(String endpoint, String webhookId, List<String> redelivered) {
        while (true) {
            String after = failureCursors.getOrDefault(endpoint, "0");
            Response page = api.send(
                    Service.QUERY,
                    "GET",
                    "/v1/webhooks/" + webhookId + "/failures?limit=100&after=" + after,
                    ownerBearer,
                    null);
            if (page.status() != 200 || page.json() == null) {
                return; // listed again on the next call
            }
            for (JsonNode failure : page.json().path("items")) {
                String failureId = failure.path("failureId").asText();
                Response asked = api.send(
                        Service.COMMAND,
                        "POST",
                        "/v1/webhooks/" + webhookId + "/failures/" + failureId + "/redeliver",
                        ownerBearer,
                        null);
                if (asked.status() != 202) {
                    return; // this failure and the ones after it are asked for again on the next call
                }
                redelivered.add(endpoint + "/" + failure.path("deliveryId").asText());
                failureCursors.put(endpoint, failureId);
            }
            if (page.json().path("next").isMissingNode()
                    || page.json().path("next").isNull()
                    || page.json().path("items").isEmpty()) {
                return;
            }
        }
    }

    private static String quoted(List<String> values) {
        return values.stream().map(v -> "\"" + v + "\"").collect(Collectors.joining(",", "[", "]"));
    }
}
