package io.chorus.common.auth;

import java.util.List;

/**
 * What one bot API token allows (decision 0216): reading (GETs and a WebSocket session), writing (every other
 * method), and, when {@code channelIds} is not empty, only requests about those channels.
 *
 * @param tokenId the token's id: a revocation names it, and the sockets it opened are closed by it
 */
public record BotGrant(String botId, String tokenId, boolean read, boolean write, List<String> channelIds) {
    public BotGrant {
        channelIds = channelIds == null ? List.of() : List.copyOf(channelIds);
    }

    /** Whether a request about {@code channelId} is within the token's channels (any channel when none are named). */
    public boolean allowsChannel(String channelId) {
        return channelIds.isEmpty() || channelIds.contains(channelId);
    }
}
