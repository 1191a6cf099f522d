package io.chorus.command.resources;

import io.chorus.command.api.IntegrationRequests;
import io.chorus.command.api.Integrations;
import io.chorus.command.core.CommandRules;
import io.chorus.command.core.IntegrationRules;
import io.chorus.common.api.ApiException;
import io.chorus.common.api.TokenBuckets;
import io.chorus.common.auth.BotTokens;
import io.chorus.common.auth.IntegrationSecrets;
import io.chorus.common.events.Subjects;
import io.chorus.common.events.UuidV7;
import io.chorus.common.nats.IntegrationsBucket;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Duration;
import java.util.concurrent.CompletionStage;

/**
 * {@code POST /v1/hooks/{hookId}/{secret}}: an incoming webhook posts a message into its channel (decision 0216),
 * authored by {@code hook_<hookId>}, through the same send path as a user's message (202 after the PubAck,
 * idempotent on {@code clientMsgId}). An unknown hook and a wrong secret get the same 404; the secret is compared
 * with the stored hash in constant time; each hook has its own rate, taken only once the secret is right, so no one
 * without it can spend the hook's budget.
 */
@Path("/v1/hooks")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public final class HookPosts {
    public static final String PATH_PREFIX = "/v1/hooks/";

    private final IntegrationsBucket integrations;
    private final MessageCommands messages;
    private final TokenBuckets rates;

    public HookPosts(IntegrationsBucket integrations, MessageCommands messages, TokenBuckets rates) {
        this.integrations = integrations;
        this.messages = messages;
        this.rates = rates;
    }

    /** The path a hook is posted to. */
    public static String path(String hookId, String secret) {
        return PATH_PREFIX + hookId + "/" + secret;
    }

    @POST
    @Path("/{hookId}/{secret}")
    public CompletionStage<Response> post(
            @PathParam("hookId") String hookId,
            @PathParam("secret") String secret,
            IntegrationRequests.HookMessage body) {
        if (!Subjects.isToken(hookId)) {
            throw IntegrationRules.unknownHook();
        }
        Integrations.StoredHook hook = integrations
                .get(IntegrationsBucket.hookKey(hookId), Integrations.StoredHook.class)
                .filter(h -> IntegrationSecrets.matches(secret, h.secretHash()))
                .orElseThrow(IntegrationRules::unknownHook);
        if (!rates.tryTake(hookId)) {
            throw new ApiException(
                    429, "rate_limited", "too many posts to this incoming webhook: slow down", Duration.ofSeconds(1));
        }
        CommandRules.requireBody(body);
        String text = CommandRules.text(body.text());
        String clientMsgId = body.clientMsgId() == null
                ? UuidV7.generate().toString()
                : CommandRules.id("clientMsgId", body.clientMsgId());
        return messages.sendAs(BotTokens.hookUserId(hookId), hook.channelId(), clientMsgId, text);
    }
}
