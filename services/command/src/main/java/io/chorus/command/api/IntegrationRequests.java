package io.chorus.command.api;

import java.util.List;

/** Bodies of the incoming-webhook and bot commands (decision 0216). */
public final class IntegrationRequests {
    private IntegrationRequests() {}

    /** {@code POST /v1/channels/{channelId}/incoming-webhooks}: a name shown in listings. */
    public record CreateIncomingWebhook(String name) {}

    /**
     * {@code POST /v1/hooks/{hookId}/{secret}}: the message. {@code clientMsgId} makes a retried post one message;
     * without it each post is a new message.
     */
    public record HookMessage(String text, String clientMsgId) {}

    /** {@code POST /v1/bots}. */
    public record CreateBot(String name) {}

    /**
     * {@code POST /v1/bots/{botId}/tokens}: {@code scopes} of {@code read} and {@code write} (at least one);
     * {@code channelIds} empty or absent for every channel the bot is a member of.
     */
    public record CreateBotToken(String name, List<String> scopes, List<String> channelIds) {}
}
