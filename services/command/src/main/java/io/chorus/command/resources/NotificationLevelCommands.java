package io.chorus.command.resources;

import io.chorus.command.api.Requests;
import io.chorus.command.core.CommandRules;
import io.chorus.command.core.DeviceRules;
import io.chorus.command.core.EventFactory;
import io.chorus.command.core.IdempotencyKeys;
import io.chorus.common.auth.ChorusPrincipal;
import io.chorus.common.events.EventTypes;
import io.chorus.common.events.MetaPayloads;
import io.chorus.common.nats.EventSink;
import io.dropwizard.auth.Auth;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * The caller's notification level in one channel (decision 0200), published as {@code notification.level.set} on
 * the caller's user subject. Membership is not checked: a level only ever decides what its own user is pushed, and
 * a level for a channel the user is not in pushes nothing.
 */
@Path("/v1/users/me/channels/{channelId}/notifications")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public final class NotificationLevelCommands {
    private final EventFactory events;
    private final EventSink publisher;

    public NotificationLevelCommands(EventFactory events, EventSink publisher) {
        this.events = events;
        this.publisher = publisher;
    }

    /** Sets what the caller is pushed about in one channel. */
    @PUT
    public Response setLevel(
            @Auth ChorusPrincipal caller,
            @PathParam("channelId") String channelId,
            @HeaderParam(IdempotencyKeys.HEADER) String key,
            Requests.SetNotificationLevel body) {
        CommandRules.id("channelId", channelId);
        CommandRules.requireBody(body);
        String level = DeviceRules.level(body.level()).wireName();
        return DeviceCommands.publish(
                publisher,
                caller,
                null,
                events.event(
                        EventTypes.NOTIFICATION_LEVEL_SET,
                        channelId,
                        caller.userId(),
                        new MetaPayloads.NotificationLevelSet(level)),
                key);
    }
}
