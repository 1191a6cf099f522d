package io.chorus.harness.checker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.chorus.harness.history.FaultWindow;
import io.chorus.harness.webhook.WebhookDelivery;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class WebhookCheckerTest {
    private static final Set<String> CREATED = Set.of("message.created");
    private static final long S = 1_000_000L;

    private final List<WebhookChecker.SentEvent> sent = List.of(
            new WebhookChecker.SentEvent("c1", "m1", "message.created", 10 * S),
            new WebhookChecker.SentEvent("c1", "m2", "message.created", 11 * S),
            new WebhookChecker.SentEvent("c1", "m3", "message.created", 12 * S));
    private final List<WebhookChecker.Subscription> subscriptions = List.of(
            new WebhookChecker.Subscription("hook-1", Set.of("c1"), CREATED),
            new WebhookChecker.Subscription("hook-2", Set.of("c1"), CREATED));

    @Test
    void everyEventAtEveryEndpointInOrderHolds() {
        List<WebhookDelivery> got = new ArrayList<>();
        for (String hook : List.of("hook-1", "hook-2")) {
            got.add(delivery(hook, "m1", 10 * S, 10 * S + 100_000, true, 204));
            got.add(delivery(hook, "m2", 11 * S, 11 * S + 200_000, true, 204));
            got.add(delivery(hook, "m3", 12 * S, 12 * S + 300_000, true, 204));
        }
        WebhookCheckResult result = checker(List.of(), Set.of(), 0).check(got);

        assertThat(result.valid()).isTrue();
        assertThat(result.expected()).isEqualTo(6);
        assertThat(result.lost()).isZero();
        assertThat(result.latency().count()).isEqualTo(6);
        assertThat(result.latency().max()).isCloseTo(300.0, within(1.0));
        assertThat(result.healthy().p50()).isCloseTo(200.0, within(1.0));
        assertThat(result.metrics()).containsEntry("webhook.lost", 0.0).containsKey("webhook.healthy.latency.p95");
    }

    @Test
    void aMissingEventABadSignatureAndAnOutOfOrderArrivalAreViolations() {
        List<WebhookDelivery> got = List.of(
                delivery("hook-1", "m1", 10 * S, 10 * S + 1, true, 204),
                delivery("hook-1", "m3", 12 * S, 12 * S + 1, true, 204),
                delivery("hook-1", "m2", 11 * S, 12 * S + 2, true, 204),
                delivery("hook-2", "m1", 10 * S, 10 * S + 1, false, 204),
                // a 500 is not a delivery: m2 and m3 never reached hook-2
                delivery("hook-2", "m2", 11 * S, 11 * S + 1, true, 500));
        WebhookCheckResult result = checker(List.of(), Set.of(), 0).check(got);

        assertThat(result.valid()).isFalse();
        assertThat(result.lost()).isEqualTo(2);
        assertThat(result.badSignatures()).isEqualTo(1);
        assertThat(result.outOfOrder()).isEqualTo(1);
        assertThat(result.webhooks().violations()).isEqualTo(4);
        assertThat(result.webhooks().counterexamples())
                .anyMatch(e -> e.contains("m3") && e.contains("hook-2"))
                .anyMatch(e -> e.contains("bad signature"))
                .anyMatch(e -> e.contains("m2 reached hook-1 after a later event"));
    }

    @Test
    void aRedeliveredDeadLetterMayArriveLateAndDuplicatesAreBounded() {
        List<WebhookDelivery> got = new ArrayList<>();
        got.add(delivery("hook-1", "m1", 10 * S, 10 * S + 1, true, 204));
        got.add(delivery("hook-1", "m3", 12 * S, 12 * S + 1, true, 204));
        got.add(delivery("hook-1", "m2", 11 * S, 40 * S, true, 204));
        got.add(delivery("hook-1", "m2", 11 * S, 41 * S, true, 204));
        for (String m : List.of("m1", "m2", "m3")) {
            got.add(delivery("hook-2", m, 10 * S, 12 * S, true, 204));
        }
        Set<String> redelivered = Set.of("hook-1/msg_m2");

        assertThat(checker(List.of(), redelivered, 0.2).check(got).valid()).isTrue();
        WebhookCheckResult strict = checker(List.of(), redelivered, 0).check(got);
        assertThat(strict.duplicates()).isEqualTo(1);
        assertThat(strict.valid()).isFalse();
        // the redelivered one is left out of latency: it waited for its owner, not for the dispatcher
        assertThat(strict.latency().count()).isEqualTo(5);
    }

    @Test
    void aGoneEndpointIsExcusedFromItsFirst410AndFaultWindowsSplitTheLatency() {
        List<WebhookDelivery> got = new ArrayList<>();
        got.add(delivery("hook-1", "m1", 10 * S, 10 * S + 1_000, true, 204));
        got.add(delivery("hook-1", "m2", 11 * S, 11 * S + 1_000, true, 410));
        got.add(delivery("hook-2", "m1", 10 * S, 10 * S + 10_000, true, 204));
        got.add(delivery("hook-2", "m2", 11 * S, 11 * S + 50_000, true, 204));
        got.add(delivery("hook-2", "m3", 12 * S, 12 * S + 10_000, true, 204));
        FaultWindow gone = new FaultWindow("webhook-gone", "hook-1", 10 * S + 500_000, 13 * S);

        WebhookCheckResult result = checker(List.of(gone), Set.of(), 0).check(got);

        assertThat(result.valid()).isTrue();
        assertThat(result.excused()).isEqualTo(2);
        assertThat(result.expected()).isEqualTo(4);
        assertThat(result.healthy().count()).isEqualTo(3);
        assertThat(result.healthyDuringFaults().count()).isEqualTo(2);
        assertThat(result.healthyDuringFaults().max()).isCloseTo(50.0, within(0.1));
        // hook-1's m1 arrived before its window opened; hook-2 was never faulted
        assertThat(result.latency().count()).isEqualTo(4);
    }

    @Test
    void aGoneEndpointIsExcusedFromAnEarlierEventOfAnotherChannelItsPauseDropped() {
        // m1 (c1) was sent first but reached the dispatcher after n1 (c2); n1's 410 paused the registration and
        // dropped m1 from the lane's queue without an attempt (decision 0211)
        List<WebhookChecker.SentEvent> twoChannels = List.of(
                new WebhookChecker.SentEvent("c1", "m1", "message.created", 10 * S),
                new WebhookChecker.SentEvent("c2", "n1", "message.created", 10 * S + 100_000),
                new WebhookChecker.SentEvent("c1", "m2", "message.created", 12 * S));
        WebhookChecker checker = new WebhookChecker(
                List.of(new WebhookChecker.Subscription("hook-1", Set.of("c1", "c2"), CREATED)),
                twoChannels,
                List.of(),
                Set.of(),
                0);
        WebhookDelivery gone = new WebhookDelivery(
                "hook-1", "msg_n1", "message.created", "c2", "n1", 10 * S + 150_000, 10 * S + 160_000, true, 410);

        WebhookCheckResult result = checker.check(List.of(gone));

        assertThat(result.lost()).isZero();
        assertThat(result.excused()).isEqualTo(3);
        assertThat(result.valid()).isTrue();
    }

    private WebhookChecker checker(List<FaultWindow> faults, Set<String> redelivered, double duplicates) {
        return new WebhookChecker(subscriptions, sent, faults, redelivered, duplicates);
    }

    private static WebhookDelivery delivery(
            String hook, String clientMsgId, long eventAt, long receivedAt, boolean signed, int status) {
        return new WebhookDelivery(
                hook, "msg_" + clientMsgId, "message.created", "c1", clientMsgId, eventAt, receivedAt, signed, status);
    }
}
