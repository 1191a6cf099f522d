package io.chorus.harness.scenario;

import java.util.List;

/**
 * The users who hold a WebSocket during the run, and how their connections spread over the notification
 * instances.
 *
 * @param users     how many users are online
 * @param membersOf the groups whose members the online users are drawn from (empty: any user)
 * @param spread    how connections are placed on instances
 * @param weights   with {@link Spread#WEIGHTED}: one relative weight per notification instance
 */
public record OnlineSpec(long users, List<String> membersOf, Spread spread, List<Integer> weights) {
    public OnlineSpec {
        membersOf = List.copyOf(membersOf);
        weights = List.copyOf(weights);
    }

    public enum Spread {
        /** round-robin: instance loads differ by at most one connection */
        EVEN,
        /** each connection picks an instance uniformly at random (seeded) */
        RANDOM,
        /** each connection picks an instance with probability proportional to its weight */
        WEIGHTED;

        public String yaml() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }
}
