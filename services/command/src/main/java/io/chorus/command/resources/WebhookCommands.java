package io.chorus.command.resources;

import io.chorus.command.api.WebhookAccepted;
import io.chorus.command.api.WebhookRequests;
import io.chorus.command.core.ChannelIds;
import io.chorus.command.core.ChannelPolicy;
import io.chorus.command.core.CommandRules;
import io.chorus.command.core.EventFactory;
import io.chorus.command.core.IdempotencyKeys;
import io.chorus.command.core.WebhookRules;
import io.chorus.command.nats.WebhookRegistrations;
import io.chorus.common.auth.ChorusPrincipal;
import io.chorus.common.events.EventEnvelope;
import io.chorus.common.events.WebhookPayloads;
import io.chorus.common.nats.EventSink;
import io.dropwizard.auth.Auth;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;

/**
 * Outgoing webhook registrations (decision 0210): created, changed, paused and deleted by the owners and admins of
 * every channel they serve (or a platform admin); each command publishes one {@code META} event on the
 * registration's subject and answers 202 after the PubAck.
 */
@Path("/v1/webhooks")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public final class WebhookCommands {
    private final ChannelPolicy policy;
    private final WebhookRules rules;
    private final WebhookRegistrations registrations;
    private final EventFactory events;
    private final EventSink publisher;

    public WebhookCommands(
            ChannelPolicy policy,
            WebhookRules rules,
            WebhookRegistrations registrations,
            EventFactory events,
            EventSink publisher) {
        this.policy = policy;
        this.rules = rules;
        this.registrations = registrations;
        this.events = events;
        this.publisher = publisher;
    }

    @POST
    public Response create(
            @Auth ChorusPrincipal caller,
            @HeaderParam(IdempotencyKeys.HEADER) String key,
            WebhookRequests.CreateWebhook body) {
        CommandRules.requireBody(body);
        String header = IdempotencyKeys.validHeader(key);
        String url = rules.url(body.url());
        List<String> eventTypes = WebhookRules.eventTypes(body.eventTypes());
        List<String> channelIds = WebhookRules.channelIds(body.channelIds());
        channelIds.forEach(channelId -> policy.requireManager(caller, channelId, "register a webhook"));
        // a retried create with the same key lands on the same subject and is answered as the duplicate it is
        String webhookId = header != null
                ? ChannelIds.fromIdempotencyKey(caller.userId(), "webhook:" + header)
                : ChannelIds.generated();
        String secret = WebhookRules.newSecret();
        WebhookPayloads.WebhookChange change = new WebhookPayloads.WebhookChange(
                webhookId, caller.userId(), channelIds, url, eventTypes, secret, false);
        EventEnvelope event = events.event(WebhookPayloads.WEBHOOK_CREATED, null, caller.userId(), change);
        EventSink.Ack ack = publisher.publishIfSubjectEmpty(
                WebhookPayloads.subject(webhookId),
                event,
                IdempotencyKeys.command(WebhookPayloads.WEBHOOK_CREATED + ":" + webhookId, caller.userId(), header));
        return accepted(webhookId, ack, event, secret);
    }

    @PATCH
    @Path("/{webhookId}")
    public Response update(
            @Auth ChorusPrincipal caller,
            @PathParam("webhookId") String webhookId,
            @HeaderParam(IdempotencyKeys.HEADER) String key,
            WebhookRequests.UpdateWebhook body) {
        CommandRules.requireBody(body);
        if (body.url() == null && body.eventTypes() == null && body.paused() == null && body.rotateSecret() == null) {
            throw CommandRules.invalid("give a url, eventTypes, paused or rotateSecret");
        }
        String url = body.url() == null ? null : rules.url(body.url());
        List<String> eventTypes = body.eventTypes() == null ? null : WebhookRules.eventTypes(body.eventTypes());
        WebhookPayloads.WebhookChange current = authorised(caller, webhookId, "change the webhook");
        String secret = Boolean.TRUE.equals(body.rotateSecret()) ? WebhookRules.newSecret() : null;
        WebhookPayloads.WebhookChange change = new WebhookPayloads.WebhookChange(
                webhookId, current.ownerId(), current.channelIds(), url, eventTypes, secret, body.paused());
        return accepted(webhookId, publish(webhookId, WebhookPayloads.WEBHOOK_UPDATED, change, caller, key), secret);
    }

    @DELETE
    @Path("/{webhookId}")
    public Response delete(
            @Auth ChorusPrincipal caller,
            @PathParam("webhookId") String webhookId,
            @HeaderParam(IdempotencyKeys.HEADER) String key) {
        WebhookPayloads.WebhookChange current = authorised(caller, webhookId, "delete the webhook");
        WebhookPayloads.WebhookChange change = new WebhookPayloads.WebhookChange(
                webhookId, current.ownerId(), current.channelIds(), null, null, null, null);
        return accepted(webhookId, publish(webhookId, WebhookPayloads.WEBHOOK_DELETED, change, caller, key), null);
    }

    /**
     * Sends one dead-letter record again (decision 0212): a {@code webhook.redelivery.requested} the webhook pool
     * acts on, through the registration's lane as it stands now, under the record's own {@code webhook-id}.
     */
    @POST
    @Path("/{webhookId}/failures/{failureId}/redeliver")
    public Response redeliver(
            @Auth ChorusPrincipal caller,
            @PathParam("webhookId") String webhookId,
            @PathParam("failureId") String failureId,
            @HeaderParam(IdempotencyKeys.HEADER) String key) {
        long failure = WebhookRules.failureId(failureId);
        WebhookPayloads.WebhookChange current = authorised(caller, webhookId, "redeliver the webhook's failures");
        if (!registrations.hasFailure(webhookId, failure)) {
            throw new io.chorus.common.api.ApiException(
                    404, "not_found", "no failure " + failureId + " of webhook " + webhookId);
        }
        EventEnvelope event = events.event(
                WebhookPayloads.WEBHOOK_REDELIVERY_REQUESTED,
                null,
                caller.userId(),
                new WebhookPayloads.RedeliveryRequested(current.webhookId(), failure));
        EventSink.Ack ack = publisher.publish(
                WebhookPayloads.redeliverySubject(webhookId),
                event,
                IdempotencyKeys.command(
                        WebhookPayloads.WEBHOOK_REDELIVERY_REQUESTED + ":" + webhookId + ":" + failure,
                        caller.userId(),
                        IdempotencyKeys.validHeader(key)));
        return Response.accepted(new WebhookAccepted(
                        webhookId, null, event.id(), ack.seq(), ack.duplicate() ? Boolean.TRUE : null))
                .build();
    }

    /** The registration as it stands; 404 when it does not exist, 403 unless the caller manages all its channels. */
    private WebhookPayloads.WebhookChange authorised(ChorusPrincipal caller, String webhookId, String what) {
        CommandRules.id("webhookId", webhookId);
        WebhookPayloads.WebhookChange current =
                registrations.current(webhookId).orElseThrow(() -> WebhookRules.notFound(webhookId));
        current.channelIds().forEach(channelId -> policy.requireManager(caller, channelId, what));
        return current;
    }

    private Published publish(
            String webhookId,
            String type,
            WebhookPayloads.WebhookChange change,
            ChorusPrincipal caller,
            String header) {
        EventEnvelope event = events.event(type, null, caller.userId(), change);
        EventSink.Ack ack = publisher.publish(
                WebhookPayloads.subject(webhookId),
                event,
                IdempotencyKeys.command(type + ":" + webhookId, caller.userId(), IdempotencyKeys.validHeader(header)));
        return new Published(ack, event);
    }

    private record Published(EventSink.Ack ack, EventEnvelope event) {}

    private Response accepted(String webhookId, Published published, String secret) {
        return accepted(webhookId, published.ack(), published.event(), secret);
    }

    private Response accepted(String webhookId, EventSink.Ack ack, EventEnvelope event, String secret) {
        if (ack.duplicate()) {
            // the original event holds the secret that was answered then; a retry answers the same one
            EventEnvelope original = publisher.read(ack.stream(), ack.seq());
            String originalSecret = original.payload().path("secret").asText(null);
            return Response.accepted(
                            new WebhookAccepted(webhookId, originalSecret, original.id(), ack.seq(), Boolean.TRUE))
                    .build();
        }
        return Response.accepted(new WebhookAccepted(webhookId, secret, event.id(), ack.seq(), null))
                .build();
    }
}
