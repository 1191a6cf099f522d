package io.chorus.harness.scenario;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.chorus.harness.nemesis.FaultKind;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The {@code webhooks:} section, and the {@code webhook-*} faults it lets a scenario schedule on its receivers. */
class WebhooksSectionTest {
    private static final String HEAD = """
            name: hooks
            population: {users: 40, shapes: [{group: g, kind: random-spread, channels: 8, members: {min: 2, max: 4}}]}
            phases: [{name: p, duration: 2m, rate: 3, channels: g}]
            slos: [{metric: webhook.lost, max: 0}]
            """;

    private static Scenario parse(String rest) throws Exception {
        return new ScenarioParser().parse("hooks.yaml", HEAD + rest);
    }

    private static List<String> errors(String rest) {
        InvalidScenario e = catchThrowableOfType(InvalidScenario.class, () -> parse(rest));
        assertThat(e).as("expected the scenario to be refused").isNotNull();
        return e.errors().stream()
                .map(err -> err.line() + " " + err.field() + ": " + err.message())
                .toList();
    }

    @Test
    void aSectionIsReadWithItsDefaults() throws Exception {
        WebhooksSpec spec = parse("webhooks: {endpoints: 3, group: g}\n").webhooks();

        assertThat(spec)
                .isEqualTo(new WebhooksSpec(3, "g", 1, List.of("message.created"), 0, 0, 0.05, Duration.ofMinutes(2)));
        assertThat(spec.channelIds()).containsExactly("g-0");
        assertThat(spec.endpointNames()).containsExactly("hook-1", "hook-2", "hook-3");
    }

    @Test
    void everyFieldIsRead() throws Exception {
        WebhooksSpec spec = parse("""
                webhooks:
                  endpoints: 50
                  group: g
                  channels: 4
                  events: [message.created, message.edited]
                  incoming: 2
                  bot: 1.5
                  maxDuplicates: 0.1
                  drain: 90s
                """).webhooks();

        assertThat(spec)
                .isEqualTo(new WebhooksSpec(
                        50, "g", 4, List.of("message.created", "message.edited"), 2, 1.5, 0.1, Duration.ofSeconds(90)));
        assertThat(spec.channelIds()).containsExactly("g-0", "g-1", "g-2", "g-3");
    }

    @Test
    void aScenarioWithoutTheSectionHasNoWebhooks() throws Exception {
        assertThat(parse("").webhooks()).isNull();
    }

    @Test
    void eachBadFieldIsReportedAtItsLine() {
        assertThat(errors("""
                        webhooks:
                          endpoints: 0
                          group: h
                          events: [message.create]
                          incoming: 6
                          bot: 21
                          colour: red
                        """))
                .containsExactly(
                        "6 webhooks.endpoints: expected a number of webhook receivers between 1 and 1000, got 0",
                        "7 webhooks.group: expected a group name from population.shapes (g), got 'h' (did you mean 'g'?)",
                        "8 webhooks.events: expected one of message.created, message.edited, message.deleted,"
                                + " members.added, member.removed, got 'message.create' (did you mean"
                                + " 'message.created'?)",
                        "9 webhooks.incoming: expected at most 5.0 posts per second (its rate limit), got 6.0",
                        "10 webhooks.bot: expected at most 20.0 posts per second (its rate limit), got 21.0",
                        "11 webhooks.colour: unknown field; expected one of: endpoints, group, channels, events,"
                                + " incoming, bot, maxDuplicates, drain");
    }

    @Test
    void moreChannelsThanTheGroupHasIsRefused() {
        assertThat(errors("webhooks: {endpoints: 2, group: g, channels: 9}\n"))
                .containsExactly("5 webhooks.channels: expected at most the group's 8 channels, got 9");
    }

    @Test
    void webhookFaultsActOnTheSectionsReceivers() throws Exception {
        Scenario s = parse("""
                webhooks: {endpoints: 4, group: g}
                faults:
                  - {at: 10s, duration: 20s, kind: webhook-throttle, target: hook-4, parameters: {retryAfter: 2s}}
                  - {at: 10s, duration: 20s, kind: kill, target: notification-1}
                """);

        assertThat(s.stack().links())
                .as("a stack fault needs the proxied links")
                .isEqualTo(io.chorus.harness.stack.StackShape.PROXIED);
        assertThat(s.faults().faults())
                .extracting(f -> f.kind(), f -> f.target())
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(FaultKind.WEBHOOK_THROTTLE, "hook-4"),
                        org.assertj.core.groups.Tuple.tuple(FaultKind.KILL, "notification-1"));
    }

    @Test
    void webhookFaultsAloneNeedNoProxiedLinks() throws Exception {
        Scenario s = parse("""
                webhooks: {endpoints: 4, group: g}
                faults: [{at: 10s, duration: 20s, kind: webhook-gone, target: hook-2}]
                """);

        assertThat(s.stack().links()).isEqualTo(io.chorus.harness.stack.StackShape.DIRECT);
    }

    @Test
    void aWebhookFaultNeedsTheSectionAndAReceiverOfItsFleet() {
        assertThat(errors("faults: [{at: 10s, duration: 20s, kind: webhook-down, target: hook-1}]\n"))
                .containsExactly("5 faults[0].kind: a webhook-down fault acts on the webhook receiver fleet, which a"
                        + " run starts only with a webhooks: section (endpoints: n)");
        assertThat(errors("""
                        webhooks: {endpoints: 4, group: g}
                        faults: [{at: 10s, duration: 20s, kind: webhook-down, target: hook-5}]
                        """))
                .containsExactly(
                        "6 faults[0].target: expected a receiver of the run's fleet (hook-1 to hook-4), got 'hook-5'");
    }
}
