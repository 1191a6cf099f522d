package io.chorus.command.resources;

import io.chorus.command.api.DeviceAccepted;
import io.chorus.command.api.Requests;
import io.chorus.command.core.CommandRules;
import io.chorus.command.core.DeviceRules;
import io.chorus.command.core.EventFactory;
import io.chorus.command.core.IdempotencyKeys;
import io.chorus.common.auth.ChorusPrincipal;
import io.chorus.common.events.EventEnvelope;
import io.chorus.common.events.EventTypes;
import io.chorus.common.events.MetaPayloads;
import io.chorus.common.events.Subjects;
import io.chorus.common.nats.EventSink;
import io.chorus.common.push.Devices;
import io.dropwizard.auth.Auth;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * The caller's push devices (decision 0200): each command publishes one {@code META} event on
 * {@code chat.meta.user.<userId>}, so a user's device and notification level changes apply in the order made.
 */
@Path("/v1/users/me/devices")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public final class DeviceCommands {
    private final EventFactory events;
    private final EventSink publisher;

    public DeviceCommands(EventFactory events, EventSink publisher) {
        this.events = events;
        this.publisher = publisher;
    }

    /** Registers (or re-registers: the id is the token's) a device of the caller. */
    @POST
    public Response register(
            @Auth ChorusPrincipal caller,
            @HeaderParam(IdempotencyKeys.HEADER) String key,
            Requests.RegisterDevice body) {
        CommandRules.requireBody(body);
        String platform = DeviceRules.platform(body.platform());
        String token = DeviceRules.token(body.token());
        String appId = DeviceRules.appId(body.appId());
        String deviceId = Devices.id(platform, token);
        return publish(
                caller,
                deviceId,
                events.event(
                        EventTypes.DEVICE_REGISTERED,
                        null,
                        caller.userId(),
                        new MetaPayloads.DeviceRegistered(deviceId, platform, token, appId)),
                key);
    }

    /** Removes a device of the caller; a device of someone else, or none, is left as it is when applied. */
    @DELETE
    @Path("/{deviceId}")
    public Response remove(
            @Auth ChorusPrincipal caller,
            @PathParam("deviceId") String deviceId,
            @HeaderParam(IdempotencyKeys.HEADER) String key) {
        CommandRules.id("deviceId", deviceId);
        return publish(
                caller,
                deviceId,
                events.event(
                        EventTypes.DEVICE_REMOVED, null, caller.userId(), new MetaPayloads.DeviceRemoved(deviceId)),
                key);
    }

    private Response publish(ChorusPrincipal caller, String deviceId, EventEnvelope event, String key) {
        return publish(publisher, caller, deviceId, event, key);
    }

    /** Publishes a command of the caller's own on its user subject and answers the 202. */
    static Response publish(
            EventSink publisher, ChorusPrincipal caller, String deviceId, EventEnvelope event, String key) {
        EventSink.Ack ack = publisher.publish(
                Subjects.userMeta(caller.userId()),
                event,
                IdempotencyKeys.command(event.type(), caller.userId(), IdempotencyKeys.validHeader(key)));
        return Response.accepted(new DeviceAccepted(
                        deviceId,
                        caller.userId(),
                        ack.duplicate()
                                ? publisher.read(ack.stream(), ack.seq()).id()
                                : event.id(),
                        ack.seq(),
                        ack.duplicate() ? Boolean.TRUE : null))
                .build();
    }
}
