package io.chorus.command.resources;

import io.chorus.command.api.IntegrationRequests;
import io.chorus.command.api.Integrations;
import io.chorus.command.core.ChannelPolicy;
import io.chorus.command.core.CommandRules;
import io.chorus.command.core.IntegrationRules;
import io.chorus.common.auth.ChorusPrincipal;
import io.chorus.common.auth.IntegrationSecrets;
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
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * A channel's incoming webhooks (decision 0216): created, listed and deleted by the channel's owners and admins (or
 * a platform admin). The secret is answered once, in the create's answer, and stored only as its hash.
 */
@Path("/v1/channels/{channelId}/incoming-webhooks")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public final class IncomingWebhookCommands {
    private final ChannelPolicy policy;
    private final IntegrationsBucket integrations;
    private final Clock clock;

    public IncomingWebhookCommands(ChannelPolicy policy, IntegrationsBucket integrations, Clock clock) {
        this.policy = policy;
        this.integrations = integrations;
        this.clock = clock;
    }

    @POST
    public Response create(
            @Auth ChorusPrincipal caller,
            @PathParam("channelId") String channelId,
            IntegrationRequests.CreateIncomingWebhook body) {
        CommandRules.id("channelId", channelId);
        String name = IntegrationRules.name(body == null ? null : body.name(), "incoming webhook");
        policy.requireManager(caller, channelId, "add an incoming webhook");
        String hookId = IntegrationSecrets.newId();
        String secret = IntegrationSecrets.newSecret();
        Integrations.StoredHook hook = new Integrations.StoredHook(
                hookId,
                channelId,
                name,
                IntegrationSecrets.hash(secret),
                caller.userId(),
                clock.instant().toString());
        integrations.put(IntegrationsBucket.hookKey(hookId), hook);
        return Response.status(201)
                .entity(new Integrations.IncomingWebhook(
                        hookId,
                        channelId,
                        name,
                        hook.createdBy(),
                        hook.createdAt(),
                        HookPosts.path(hookId, secret),
                        secret))
                .build();
    }

    @GET
    public Map<String, List<Integrations.IncomingWebhook>> list(
            @Auth ChorusPrincipal caller, @PathParam("channelId") String channelId) {
        CommandRules.id("channelId", channelId);
        policy.requireManager(caller, channelId, "list its incoming webhooks");
        List<Integrations.IncomingWebhook> hooks = integrations.values("hook.*", Integrations.StoredHook.class).stream()
                .filter(h -> channelId.equals(h.channelId()))
                .sorted(Comparator.comparing(Integrations.StoredHook::createdAt))
                .map(Integrations.StoredHook::view)
                .toList();
        return Map.of("incomingWebhooks", hooks);
    }

    @DELETE
    @Path("/{hookId}")
    public Response delete(
            @Auth ChorusPrincipal caller,
            @PathParam("channelId") String channelId,
            @PathParam("hookId") String hookId) {
        CommandRules.id("channelId", channelId);
        CommandRules.id("hookId", hookId);
        policy.requireManager(caller, channelId, "delete an incoming webhook");
        boolean ofChannel = integrations
                .get(IntegrationsBucket.hookKey(hookId), Integrations.StoredHook.class)
                .filter(h -> channelId.equals(h.channelId()))
                .isPresent();
        if (!ofChannel) {
            throw IntegrationRules.notFound("incoming webhook", hookId);
        }
        integrations.delete(IntegrationsBucket.hookKey(hookId));
        return Response.noContent().build();
    }
}
