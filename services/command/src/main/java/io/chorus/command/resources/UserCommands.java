package io.chorus.command.resources;

import io.chorus.command.api.Accepted;
import io.chorus.command.api.Requests;
import io.chorus.command.core.CommandRules;
import io.chorus.command.core.EventFactory;
import io.chorus.command.core.IdempotencyKeys;
import io.chorus.common.auth.ChorusPrincipal;
import io.chorus.common.events.EventEnvelope;
import io.chorus.common.events.EventTypes;
import io.chorus.common.events.MetaPayloads;
import io.chorus.common.events.Subjects;
import io.chorus.common.nats.EventSink;
import io.dropwizard.auth.Auth;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** The caller's own profile: {@code user.updated} on {@code chat.meta.user.<userId>}. */
@Path("/v1/users/me")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public final class UserCommands {
    private final EventFactory events;
    private final EventSink publisher;

    public UserCommands(EventFactory events, EventSink publisher) {
        this.events = events;
        this.publisher = publisher;
    }

    @PUT
    public Response updateProfile(
            @Auth ChorusPrincipal caller,
            @HeaderParam(IdempotencyKeys.HEADER) String key,
            Requests.UpdateProfile body) {
        CommandRules.requireBody(body);
        String displayName = CommandRules.name("displayName", body.displayName(), CommandRules.MAX_DISPLAY_NAME_CHARS);
        EventEnvelope event =
                events.event(EventTypes.USER_UPDATED, null, caller.userId(), new MetaPayloads.UserUpdated(displayName));
        EventSink.Ack ack = publisher.publish(
                Subjects.userMeta(caller.userId()),
                event,
                IdempotencyKeys.command(EventTypes.USER_UPDATED, caller.userId(), IdempotencyKeys.validHeader(key)));
        return Response.accepted(Accepted.user(
                        caller.userId(),
                        ack.duplicate()
                                ? publisher.read(ack.stream(), ack.seq()).id()
                                : event.id(),
                        ack.seq(),
                        ack.duplicate() ? Boolean.TRUE : null))
                .build();
    }
}
