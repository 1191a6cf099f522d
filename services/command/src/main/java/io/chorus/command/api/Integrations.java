package io.chorus.command.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * What the {@code integrations} bucket keeps of incoming webhooks and bots, and what the API answers about them
 * (decision 0216). Secrets appear only in the answer to a create, never in a listing, and are stored as hashes.
 */
public final class Integrations {
    private Integrations() {}

    /** An incoming webhook as stored under {@code hook.<hookId>}. */
    public record StoredHook(
            String hookId, String channelId, String name, String secretHash, String createdBy, String createdAt) {
        public IncomingWebhook view() {
            return new IncomingWebhook(hookId, channelId, name, createdBy, createdAt, null, null);
        }
    }

    /**
     * An incoming webhook as the API shows it; {@code url} (its path: {@code /v1/hooks/<hookId>/<secret>}) and
     * {@code secret} only in the answer to its creation (absent elsewhere, never null).
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record IncomingWebhook(
            String hookId,
            String channelId,
            String name,
            String createdBy,
            String createdAt,
            String url,
            String secret) {}

    /** A bot account as stored under {@code bot.<botId>} and shown. {@code userId} is who it acts as. */
    public record Bot(String botId, String userId, String name, String createdBy, String createdAt) {}

    /** A bot token as the API shows it; {@code token} only in the answer to its creation (absent elsewhere). */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record BotToken(
            String tokenId,
            String botId,
            String name,
            List<String> scopes,
            List<String> channelIds,
            String createdBy,
            String createdAt,
            String token) {}
}
