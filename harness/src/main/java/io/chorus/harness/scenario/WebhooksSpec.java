package io.chorus.harness.scenario;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@code webhooks:} section of a scenario: a fleet of {@code endpoints} receivers ({@code hook-1} ...), each
 * registered as one outgoing webhook for the first {@code channels} channels of {@code group} and the event types
 * {@code events}; and, in the first of those channels, an incoming webhook and a bot posting ordinary messages at
 * their own steady rates (0: none).
 *
 * @param incomingPerSecond posts per second through the incoming webhook, during the phases
 * @param botPerSecond      posts per second with the bot's token, during the phases
 * @param maxDuplicates     2xx answers beyond the first, as a share of the expected deliveries, the checker allows
 * @param drain             after the phases, how long every event has to reach every endpoint (dead letters
 *                          redelivered by the owner meanwhile)
 */
public record WebhooksSpec(
        int endpoints,
        String group,
        int channels,
        List<String> events,
        double incomingPerSecond,
        double botPerSecond,
        double maxDuplicates,
        Duration drain) {
    /** The event types a registration may ask for (decision 0210). */
    public static final List<String> EVENT_TYPES =
            List.of("message.created", "message.edited", "message.deleted", "members.added", "member.removed");

    public WebhooksSpec {
        events = List.copyOf(events);
    }

    /**
     * The channels the registrations serve: the first {@code channels} of the group, named as
     * {@code PopulationPlan.channel} names them.
     */
    public List<String> channelIds() {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < channels; i++) {
            ids.add(group + "-" + i);
        }
        return ids;
    }

    /** The receivers' names, {@code hook-1} ... {@code hook-<endpoints>}. */
    public List<String> endpointNames() {
        List<String> names = new ArrayList<>();
        for (int i = 1; i <= endpoints; i++) {
            names.add("hook-" + i);
        }
        return names;
    }
}
