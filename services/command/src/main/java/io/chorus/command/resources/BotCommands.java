package io.chorus.command.resources;

import io.chorus.command.api.IntegrationRequests;
import io.chorus.command.api.Integrations;
import io.chorus.command.core.CommandRules;
import io.chorus.command.core.IntegrationRules;
import io.chorus.common.api.ApiException;
import io.chorus.common.auth.BotTokens;
import io.chorus.common.auth.ChorusPrincipal;
import io.chorus.common.auth.IntegrationSecrets;
import io.chorus.common.auth.StoredBotToken;
import io.chorus.common.nats.IntegrationsBucket;
import io.dropwizard.auth.Auth;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Bot accounts and their API tokens (decision 0216), for platform admins only. A bot acts as the user
 * {@code bot_<botId>}: it is added to channels like anyone and sends, reads and holds a WebSocket session with a
 * token. A token is answered once and stored as the hash of its secret; revoking deletes its key, which every
 * service watches.
 */
@Path("/v1/bots")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public final class BotCommands {
    private final IntegrationsBucket integrations;
    private final Clock clock;

    public BotCommands(IntegrationsBucket integrations, Clock clock) {
        this.integrations = integrations;
        this.clock = clock;
    }

    @POST
    public Response create(@Auth ChorusPrincipal caller, IntegrationRequests.CreateBot body) {
        requireAdmin(caller);
        CommandRules.requireBody(body);
        String name = IntegrationRules.name(body.name(), null);
        String botId = IntegrationSecrets.newId();
        Integrations.Bot bot = new Integrations.Bot(
                botId,
                BotTokens.userId(botId),
                name,
                caller.userId(),
                clock.instant().toString());
        integrations.put(IntegrationsBucket.botKey(botId), bot);
        return Response.status(201).entity(bot).build();
    }

    @GET
    public Map<String, List<Integrations.Bot>> list(@Auth ChorusPrincipal caller) {
        requireAdmin(caller);
        List<Integrations.Bot> bots = integrations.values("bot.*", Integrations.Bot.class).stream()
                .sorted(Comparator.comparing(Integrations.Bot::createdAt))
                .toList();
        return Map.of("bots", bots);
    }

    @POST
    @Path("/{botId}/tokens")
    public Response createToken(
            @Auth ChorusPrincipal caller, @PathParam("botId") String botId, IntegrationRequests.CreateBotToken body) {
        requireAdmin(caller);
        existingBot(botId);
        CommandRules.requireBody(body);
        Set<String> scopes = IntegrationRules.scopes(body.scopes());
        List<String> channelIds = IntegrationRules.channelIds(body.channelIds());
        String name = IntegrationRules.name(body.name(), "token");
        String tokenId = IntegrationSecrets.newId();
        String secret = IntegrationSecrets.newSecret();
        StoredBotToken stored = new StoredBotToken(
                tokenId,
                botId,
                name,
                IntegrationSecrets.hash(secret),
                scopes.contains(IntegrationRules.READ),
                scopes.contains(IntegrationRules.WRITE),
                channelIds,
                caller.userId(),
                clock.instant().toString());
        integrations.put(IntegrationsBucket.tokenKey(tokenId), stored);
        return Response.status(201)
                .entity(view(stored, BotTokens.format(botId, tokenId, secret)))
                .build();
    }

    @GET
    @Path("/{botId}/tokens")
    public Map<String, List<Integrations.BotToken>> listTokens(
            @Auth ChorusPrincipal caller, @PathParam("botId") String botId) {
        requireAdmin(caller);
        existingBot(botId);
        List<Integrations.BotToken> tokens =
                integrations.values(IntegrationsBucket.TOKEN_PREFIX + "*", StoredBotToken.class).stream()
                        .filter(t -> botId.equals(t.botId()))
                        .sorted(Comparator.comparing(StoredBotToken::createdAt))
                        .map(t -> view(t, null))
                        .toList();
        return Map.of("tokens", tokens);
    }

    /** Revokes a token: its key is deleted, and every service that watches the bucket refuses it from then on. */
    @DELETE
    @Path("/{botId}/tokens/{tokenId}")
    public Response revoke(
            @Auth ChorusPrincipal caller, @PathParam("botId") String botId, @PathParam("tokenId") String tokenId) {
        requireAdmin(caller);
        CommandRules.id("tokenId", tokenId);
        if (integrations.token(tokenId).filter(t -> t.botId().equals(botId)).isEmpty()) {
            throw IntegrationRules.notFound("token", tokenId);
        }
        integrations.delete(IntegrationsBucket.tokenKey(tokenId));
        return Response.noContent().build();
    }

    /**
     * Deletes a bot: its key first, so no token can be made for it from then on, then each of its tokens, which
     * every service forgets as it forgets a revoked one (decision 0216). Its memberships stay, as a user's do.
     */
    @DELETE
    @Path("/{botId}")
    public Response delete(@Auth ChorusPrincipal caller, @PathParam("botId") String botId) {
        requireAdmin(caller);
        existingBot(botId);
        integrations.delete(IntegrationsBucket.botKey(botId));
        integrations.values(IntegrationsBucket.TOKEN_PREFIX + "*", StoredBotToken.class).stream()
                .filter(t -> botId.equals(t.botId()))
                .forEach(t -> integrations.delete(IntegrationsBucket.tokenKey(t.tokenId())));
        return Response.noContent().build();
    }

    private void existingBot(String botId) {
        CommandRules.id("botId", botId);
        if (integrations
                .get(IntegrationsBucket.botKey(botId), Integrations.Bot.class)
                .isEmpty()) {
            throw IntegrationRules.notFound("bot", botId);
        }
    }

    private static void requireAdmin(ChorusPrincipal caller) {
        if (!caller.admin()) {
            throw new ApiException(403, "forbidden", "only platform admins manage bots");
        }
    }

    private static Integrations.BotToken view(StoredBotToken token, String secretToken) {
        List<String> scopes = new ArrayList<>();
        if (token.read()) {
            scopes.add(IntegrationRules.READ);
        }
        if (token.write()) {
            scopes.add(IntegrationRules.WRITE);
        }
        return new Integrations.BotToken(
                token.tokenId(),
                token.botId(),
                token.name(),
                scopes,
                token.channelIds(),
                token.createdBy(),
                token.createdAt(),
                secretToken);
    }
}
