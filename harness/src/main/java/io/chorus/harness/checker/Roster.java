package io.chorus.harness.checker;

import java.util.Map;
import java.util.Set;

/**
 * Which channels each online user is a member of, fixed by the population before the run. Only users that hold a
 * WebSocket need to be listed: deliveries are owed to online members only.
 */
public record Roster(Map<String, Set<String>> channelsByUser) {
    public Roster {
        channelsByUser = Map.copyOf(channelsByUser);
    }

    public Set<String> channelsOf(String user) {
        return channelsByUser.getOrDefault(user, Set.of());
    }
}
