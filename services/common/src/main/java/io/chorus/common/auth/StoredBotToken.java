package io.chorus.common.auth;

import java.util.List;

/**
 * A bot token as the {@code integrations} bucket keeps it (decision 0216): never the token itself, only the hash of
 * its secret. The key's absence is the revocation.
 */
public record StoredBotToken(
        String tokenId,
        String botId,
        String name,
        String secretHash,
        boolean read,
        boolean write,
        List<String> channelIds,
        String createdBy,
        String createdAt) {
    public StoredBotToken {
        channelIds = channelIds == null ? List.of() : List.copyOf(channelIds);
    }

    public BotGrant grant() {
        return new BotGrant(botId, tokenId, read, write, channelIds);
    }
}
