package io.chorus.harness.run;

import static org.assertj.core.api.Assertions.assertThat;

import io.chorus.harness.checker.StoreListing;
import io.chorus.harness.checker.StoreListing.StoredMessage;
import io.chorus.harness.checker.WebhookChecker.SentEvent;
import io.chorus.harness.history.History;
import io.chorus.harness.history.Receipt;
import io.chorus.harness.history.SendFail;
import io.chorus.harness.history.SendInvoke;
import io.chorus.harness.history.SendOk;
import io.chorus.harness.population.PopulationPlan;
import io.chorus.harness.scenario.MembershipShape;
import io.chorus.harness.scenario.PopulationSpec;
import io.chorus.harness.scenario.WebhooksSpec;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What a run's webhook part derives without a stack: the events it expects, and who registers. */
class WebhookRunTest {
    private static final WebhooksSpec SPEC =
            new WebhooksSpec(3, "g", 2, List.of("message.created"), 0, 0, 0.05, Duration.ofMinutes(1));

    private static SendInvoke invoke(String id, String channel, long time) {
        return new SendInvoke(id, channel, "u1", "p", time, time, 10);
    }

    @Test
    void theExpectedEventsAreTheAcknowledgedSendsOfTheServedChannelsInTheStoresOrder() {
        History history = new History(List.of(
                invoke("a", "g-0", 1),
                invoke("b", "g-0", 2),
                invoke("c", "g-1", 3),
                invoke("d", "g-2", 4), // a channel no registration serves
                invoke("e", "g-0", 5), // refused: no event was made
                new SendOk("b", "m2", 202, 6),
                new SendOk("a", "m1", 202, 7),
                new SendOk("c", "m3", 202, 8),
                new SendOk("d", "m4", 202, 9),
                new SendFail("e", 429, "rate-limited", 10)));
        // b was stored before a: the listing is newest first, so a comes first in it
        StoreListing store = new StoreListing(List.of(
                new StoredMessage("g-0", "m1", "a"),
                new StoredMessage("g-0", "m2", "b"),
                new StoredMessage("g-1", "m3", "c"),
                new StoredMessage("g-2", "m4", "d")));

        List<SentEvent> events = WebhookRun.SentEvents.of(history, store, SPEC);

        assertThat(events)
                .containsExactlyInAnyOrder(
                        new SentEvent("g-0", "b", "message.created", 2),
                        new SentEvent("g-1", "c", "message.created", 3),
                        new SentEvent("g-0", "a", "message.created", 1));
        assertThat(events.stream().filter(e -> e.channelId().equals("g-0")))
                .as("the checker ranks a channel's events in list order")
                .extracting(SentEvent::clientMsgId)
                .containsExactly("b", "a");
    }

    @Test
    void theStreamSequenceASocketReceivedOrdersAChannelBeforeTheStoresOrder() {
        // the store lists by message id (made before publishing): a, then b; the stream has b (seq 7) before a (9)
        History history = new History(List.of(
                invoke("a", "g-0", 1),
                invoke("b", "g-0", 2),
                invoke("c", "g-0", 3),
                new SendOk("a", "m1", 202, 4),
                new SendOk("b", "m2", 202, 5),
                new SendOk("c", "m3", 202, 6),
                new Receipt("u2", "s1", "notification-1", "g-0", "m1", 9, 7),
                new Receipt("u2", "s1", "notification-1", "g-0", "m2", 7, 8)));
        StoreListing store = new StoreListing(List.of(
                new StoredMessage("g-0", "m3", "c"),
                new StoredMessage("g-0", "m2", "b"),
                new StoredMessage("g-0", "m1", "a")));

        assertThat(WebhookRun.SentEvents.of(history, store, SPEC))
                .extracting(SentEvent::clientMsgId)
                .as("c reached no socket: after those that did")
                .containsExactly("b", "a", "c");
    }

    @Test
    void aSectionWithoutMessageCreatedExpectsNoEventOfTheWorkload() {
        WebhooksSpec edits = new WebhooksSpec(3, "g", 2, List.of("message.edited"), 0, 0, 0.05, Duration.ZERO);
        History history = new History(List.of(invoke("a", "g-0", 1), new SendOk("a", "m1", 202, 2)));

        assertThat(WebhookRun.SentEvents.of(history, new StoreListing(List.of()), edits))
                .isEmpty();
    }

    @Test
    void theOwnerOfEveryServedChannelRegistersOtherwiseAnAdmin() {
        PopulationPlan busy =
                new PopulationPlan(new PopulationSpec(10, List.of(new MembershipShape.BusyUsers("g", 2, 3, 2))), 7);
        // user 0 owns channels 0-2 of a busy-users group, user 1 channels 3-5
        assertThat(WebhookRun.registrar(busy, SPEC)).contains("u0");
        WebhooksSpec four = new WebhooksSpec(3, "g", 4, List.of("message.created"), 0, 0, 0.05, Duration.ZERO);
        assertThat(WebhookRun.registrar(busy, four)).isEmpty();
    }

    @Test
    void hooksAndBotsAreIntegrationsAndUsersAreNot() {
        assertThat(WebhookRun.isIntegration("hook_0123")).isTrue();
        assertThat(WebhookRun.isIntegration("bot_0123")).isTrue();
        assertThat(WebhookRun.isIntegration("u12")).isFalse();
    }
}
