package io.chorus.it.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.chorus.harness.Poll;
import io.chorus.harness.checker.WebhookCheckResult;
import io.chorus.harness.checker.WebhookChecker;
import io.chorus.harness.client.Response;
import io.chorus.harness.history.FaultWindow;
import io.chorus.harness.history.History;
import io.chorus.harness.history.HistoryWriter;
import io.chorus.harness.history.RunClock;
import io.chorus.harness.nemesis.FaultKind;
import io.chorus.harness.nemesis.FaultSchedule;
import io.chorus.harness.nemesis.FaultTargets;
import io.chorus.harness.nemesis.FaultTimeline;
import io.chorus.harness.nemesis.ReceiverNemesis;
import io.chorus.harness.nemesis.ScheduledFault;
import io.chorus.harness.stack.LocalStackExtension;
import io.chorus.harness.stack.StackDescription;
import io.chorus.harness.stack.StackShape;
import io.chorus.harness.webhook.LoopbackReceiver;
import io.chorus.harness.webhook.ReceiverFleet;
import io.chorus.harness.webhook.WebhookDelivery;
import io.chorus.it.StackFixture;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The receiver fleet under load (issue 20): 50 endpoints on loopback, a quarter of them failing in different ways
 * while messages arrive at a steady rate, then every dead letter redelivered by its owner through the API, and the
 * webhook checker's verdict: nothing lost, no bad signature, duplicates bounded, order kept, and the healthy
 * endpoints' delivery p95 under a second. About two minutes of load and drain on the shared machine, so it runs only
 * with {@code CHORUS_EXPLORE_WEBHOOKS=1}; its numbers are in docs/lab/webhooks.md.
 */
@Tag("exploration")
@EnabledIfEnvironmentVariable(named = "CHORUS_EXPLORE_WEBHOOKS", matches = "1")
@ExtendWith(LocalStackExtension.class)
class WebhookFleetIT {
    private static final int ENDPOINTS = 50;
    private static final int CHANNELS = 5;
    private static final int MESSAGES = Integer.getInteger("webhooks.messages", 240);
    private static final Duration PERIOD = Duration.ofMillis(250);
    private static final Duration DRAIN = Duration.ofMinutes(3);

    @Test
    void aQuarterOfTheFleetFailingLosesNothingAndSlowsNoHealthyEndpoint(StackDescription stack) throws Exception {
        StackFixture api = new StackFixture(stack);
        RunClock clock = new RunClock();
        List<String> channels = new ArrayList<>();
        for (int c = 0; c < CHANNELS; c++) {
            String channel = StackFixture.id("fleet");
            assertThat(api.createChannel("alice", channel, "private", "bob").status())
                    .isEqualTo(202);
            channels.add(channel);
        }
        channels.forEach(channel -> api.awaitChannel(channel, "alice", 2));

        try (ReceiverFleet fleet = ReceiverFleet.start(ENDPOINTS, clock)) {
            Map<String, String> webhookIds = register(api, fleet, channels);
            awaitEveryEndpointHearing(api, fleet, channels.get(0));

            Path historyFile = Files.createTempDirectory("webhook-fleet").resolve(History.FILE);
            List<WebhookChecker.SentEvent> sent = new ArrayList<>();
            long started = System.nanoTime();
            try (HistoryWriter history = new HistoryWriter(historyFile)) {
                FaultTimeline timeline = FaultTimeline.start(
                        faults(MESSAGES * PERIOD.toMillis()),
                        stack,
                        s -> new ReceiverNemesis(fleet, clock),
                        history,
                        new PrintStream(System.out, true));
                for (int i = 0; i < MESSAGES; i++) {
                    long due = started + i * PERIOD.toNanos();
                    Poll.pause(Duration.ofNanos(Math.max(0, due - System.nanoTime())));
                    String channel = channels.get(i % CHANNELS);
                    String clientMsgId = "f" + i;
                    long at = clock.nowMicros();
                    Response accepted = api.sendMessage("alice", channel, clientMsgId, clientMsgId);
                    assertThat(accepted.status()).as(accepted.toString()).isEqualTo(202);
                    sent.add(new WebhookChecker.SentEvent(channel, clientMsgId, "message.created", at));
                }
                timeline.close();
            }
            List<FaultWindow> windows =
                    History.read(historyFile).of(FaultWindow.class).toList();
            WebhookChecker checker = new WebhookChecker(
                    fleet.receivers().stream()
                            .map(r -> new WebhookChecker.Subscription(
                                    r.name(), Set.copyOf(channels), Set.of("message.created")))
                            .toList(),
                    sent,
                    windows,
                    Set.of(),
                    0.05);

            // the owner redelivers every dead letter until each event has reached each endpoint that still wants it
            Set<String> redelivered = new HashSet<>();
            Map<String, String> cursors = new HashMap<>();
            int[] polls = {0};
            WebhookCheckResult drained = Poll.until(
                    DRAIN,
                    () -> {
                        if (polls[0]++ % 30 == 0) {
                            redeliverFailures(api, webhookIds, cursors, redelivered);
                        }
                        return withRedelivered(checker, redelivered).check(fleet.deliveries());
                    },
                    r -> r.lost() == 0);
            WebhookCheckResult result = withRedelivered(checker, redelivered).check(fleet.deliveries());
            System.out.printf(
                    "webhook fleet: %d endpoints, %d messages in %.1f s, %d fault windows, %d deliveries, %d"
                            + " redelivered, %d excused; %s%n%s%n",
                    ENDPOINTS,
                    MESSAGES,
                    (System.nanoTime() - started) / 1e9,
                    windows.size(),
                    fleet.deliveries().size(),
                    redelivered.size(),
                    result.excused(),
                    result,
                    result.metrics());

            assertThat(drained.lost()).isZero();
            assertThat(result.webhooks().counterexamples()).isEmpty();
            assertThat(result.valid()).isTrue();
            assertThat(result.healthy().count()).isGreaterThan(0);
            assertThat(result.healthy().p95()).isLessThan(1_000.0);
            assertThat(fleet.deliveries()).allMatch(WebhookDelivery::signatureOk);
        }
    }

    /** A quarter of the fleet fails, each way a receiver can, in windows inside the load. */
    private static FaultSchedule faults(long loadMillis) {
        long from = loadMillis / 6;
        long until = loadMillis * 2 / 3;
        List<ScheduledFault> faults = new ArrayList<>();
        Object[][] plan = {
            {FaultKind.WEBHOOK_ERROR, Map.of("status", "500")},
            {FaultKind.WEBHOOK_ERROR, Map.of("status", "503")},
            {FaultKind.WEBHOOK_ERROR, Map.of()},
            {FaultKind.WEBHOOK_THROTTLE, Map.of("retryAfter", "1s")},
            {FaultKind.WEBHOOK_THROTTLE, Map.of("retryAfter", "2s")},
            {FaultKind.WEBHOOK_THROTTLE, Map.of()},
            {FaultKind.WEBHOOK_SLOW, Map.of("delay", "6s")},
            {FaultKind.WEBHOOK_SLOW, Map.of("delay", "2s")},
            {FaultKind.WEBHOOK_SLOW, Map.of("delay", "6s")},
            {FaultKind.WEBHOOK_DOWN, Map.of()},
            {FaultKind.WEBHOOK_DOWN, Map.of()},
            {FaultKind.WEBHOOK_GONE, Map.of()},
        };
        for (int i = 0; i < plan.length; i++) {
            @SuppressWarnings("unchecked")
            Map<String, String> parameters = (Map<String, String>) plan[i][1];
            faults.add(new ScheduledFault(
                    i,
                    Duration.ofMillis(from),
                    Duration.ofMillis(until),
                    (FaultKind) plan[i][0],
                    "hook-" + (i + 1),
                    parameters));
        }
        return FaultSchedule.of(faults, FaultTargets.of(StackShape.DEFAULT), Duration.ofMillis(loadMillis));
    }

    private static Map<String, String> register(StackFixture api, ReceiverFleet fleet, List<String> channels) {
        String channelList = channels.stream().map(c -> "\"" + c + "\"").collect(Collectors.joining(","));
        Map<String, String> webhookIds = new LinkedHashMap<>();
        for (LoopbackReceiver receiver : fleet.receivers()) {
            Response created = api.post(
                    "/v1/webhooks",
                    api.token("alice"),
                    "{\"url\":\"" + receiver.url() + "\",\"eventTypes\":[\"message.created\"],\"channelIds\":["
                            + channelList + "]}");
            assertThat(created.status()).as(created.toString()).isEqualTo(202);
            receiver.trust(created.json().path("secret").asText());
            webhookIds.put(receiver.name(), created.json().path("webhookId").asText());
        }
        return webhookIds;
    }

    /** The pool reads registrations every 500 ms: a message every 2 s until every receiver has heard one. */
    private static void awaitEveryEndpointHearing(StackFixture api, ReceiverFleet fleet, String channel) {
        int[] polls = {0};
        Poll.until("every receiver hears a warm-up message", Duration.ofSeconds(90), () -> {
            if (polls[0]++ % 20 == 0) {
                api.sendMessage("alice", channel, StackFixture.id("warm"), "warmup");
            }
            return fleet.receivers().stream().noneMatch(r -> r.deliveries().isEmpty());
        });
    }

    private static void redeliverFailures(
            StackFixture api, Map<String, String> webhookIds, Map<String, String> cursors, Set<String> redelivered) {
        webhookIds.forEach((endpoint, webhookId) -> {
            String after = cursors.getOrDefault(endpoint, "0");
            while (true) {
                Response page =
                        api.get("/v1/webhooks/" + webhookId + "/failures?limit=100&after=" + after, api.token("alice"));
                if (page.status() != 200) {
                    return;
                }
                for (JsonNode failure : page.json().path("items")) {
                    Response asked = api.post(
                            "/v1/webhooks/" + webhookId + "/failures/"
                                    + failure.path("failureId").asLong() + "/redeliver",
                            api.token("alice"),
                            null);
                    if (asked.status() == 202) {
                        redelivered.add(
                                endpoint + "/" + failure.path("deliveryId").asText());
                    }
                    after = failure.path("failureId").asText();
                }
                cursors.put(endpoint, after);
                if (page.json().path("next").isMissingNode()) {
                    return;
                }
            }
        });
    }

    private static WebhookChecker withRedelivered(WebhookChecker checker, Set<String> redelivered) {
        return checker.withRedelivered(Set.copyOf(redelivered));
    }
}
