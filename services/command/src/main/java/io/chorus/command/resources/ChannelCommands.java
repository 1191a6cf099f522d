package io.chorus.command.resources;

import io.chorus.command.api.Accepted;
import io.chorus.command.api.Requests;
import io.chorus.command.core.ChannelIds;
import io.chorus.command.core.ChannelPolicy;
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
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** Channel and membership commands: each publishes one {@code META} event and answers 202 after the PubAck. */
@Path("/v1/channels")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public final class ChannelCommands {
    private final ChannelPolicy policy;
    private final EventFactory events;
    private final EventSink publisher;

    public ChannelCommands(ChannelPolicy policy, EventFactory events, EventSink publisher) {
        this.policy = policy;
        this.events = events;
        this.publisher = publisher;
    }

    @POST
    public Response create(
            @Auth ChorusPrincipal caller,
            @HeaderParam(IdempotencyKeys.HEADER) String key,
            Requests.CreateChannel body) {
        CommandRules.requireBody(body);
        String header = IdempotencyKeys.validHeader(key);
        String kind = CommandRules.kind(body.kind());
        List<String> members = new ArrayList<>(CommandRules.userIds("members", body.members(), true));
        members.remove(caller.userId());
        String channelId;
        String name;
        if (MetaPayloads.KIND_DIRECT.equals(kind)) {
            if (members.size() != 1) {
                throw CommandRules.invalid("a direct channel has exactly one other member");
            }
            channelId = ChannelIds.direct(caller.userId(), members.get(0));
            name = body.name() == null ? null : CommandRules.name("name", body.name(), CommandRules.MAX_NAME_CHARS);
        } else {
            name = CommandRules.name("name", body.name(), CommandRules.MAX_NAME_CHARS);
            channelId = body.channelId() != null
                    ? ChannelIds.chosen(body.channelId())
                    : header != null ? ChannelIds.fromIdempotencyKey(caller.userId(), header) : ChannelIds.generated();
        }
        String topic = CommandRules.topic(body.topic());
        EventEnvelope event = events.event(
                EventTypes.CHANNEL_CREATED,
                channelId,
                caller.userId(),
                new MetaPayloads.ChannelCreated(name, kind, topic, members));
        String createKey = EventTypes.CHANNEL_CREATED + ":" + channelId + ":" + caller.userId();
        // existence is what the metadata store holds, not what META still retains (decision 0100): a stored channel
        // answers only this caller's retry of its own create, within the duplicate window; an empty subject is
        // checked as well, for a create the meta writer has not applied yet
        EventSink.Ack ack = policy.stored(channelId)
                ? publisher.retryOf(Subjects.channelMeta(channelId), event, createKey)
                : publisher.publishIfSubjectEmpty(Subjects.channelMeta(channelId), event, createKey);
        return accepted(channelId, ack, event);
    }

    @PATCH
    @Path("/{channelId}")
    public Response update(
            @Auth ChorusPrincipal caller,
            @PathParam("channelId") String channelId,
            @HeaderParam(IdempotencyKeys.HEADER) String key,
            Requests.UpdateChannel body) {
        CommandRules.id("channelId", channelId);
        CommandRules.requireBody(body);
        if (body.name() == null && body.topic() == null) {
            throw CommandRules.invalid("give a name, a topic or both");
        }
        String name = body.name() == null ? null : CommandRules.name("name", body.name(), CommandRules.MAX_NAME_CHARS);
        String topic = CommandRules.topic(body.topic());
        if (name != null) {
            policy.requireManager(caller, channelId, "rename the channel");
        } else {
            policy.requireMember(caller, channelId);
        }
        EventEnvelope event = events.event(
                EventTypes.CHANNEL_UPDATED, channelId, caller.userId(), new MetaPayloads.ChannelUpdated(name, topic));
        return accepted(channelId, publish(channelId, event, key), event);
    }

    @POST
    @Path("/{channelId}/members")
    public Response addMembers(
            @Auth ChorusPrincipal caller,
            @PathParam("channelId") String channelId,
            @HeaderParam(IdempotencyKeys.HEADER) String key,
            Requests.AddMembers body) {
        CommandRules.id("channelId", channelId);
        CommandRules.requireBody(body);
        List<String> userIds = CommandRules.userIds("userIds", body.userIds(), false);
        String role = CommandRules.role(body.role());
        policy.checkAdd(caller, channelId, userIds, role);
        EventEnvelope event = events.event(
                EventTypes.MEMBERS_ADDED, channelId, caller.userId(), new MetaPayloads.MembersAdded(userIds, role));
        return accepted(channelId, publish(channelId, event, key), event);
    }

    @DELETE
    @Path("/{channelId}/members/{userId}")
    public Response removeMember(
            @Auth ChorusPrincipal caller,
            @PathParam("channelId") String channelId,
            @PathParam("userId") String userId,
            @HeaderParam(IdempotencyKeys.HEADER) String key) {
        CommandRules.id("channelId", channelId);
        CommandRules.id("userId", userId);
        policy.checkRemove(caller, channelId, userId);
        EventEnvelope event = events.event(
                EventTypes.MEMBER_REMOVED, channelId, caller.userId(), new MetaPayloads.MemberRemoved(userId));
        return accepted(channelId, publish(channelId, event, key), event);
    }

    /**
     * Moves the caller's read mark in a channel forward (decision 0251). Members only; the meta writer keeps the
     * newest mark, so an older id is accepted here and changes nothing. Published on the caller's user subject, not
     * the channel's: a resuming session replays the channel subjects, which read marks would only fill.
     */
    @POST
    @Path("/{channelId}/read")
    public Response markRead(
            @Auth ChorusPrincipal caller,
            @PathParam("channelId") String channelId,
            @HeaderParam(IdempotencyKeys.HEADER) String key,
            Requests.MarkRead body) {
        CommandRules.id("channelId", channelId);
        CommandRules.requireBody(body);
        UUID lastRead = CommandRules.readMark(body.lastReadMessageId());
        policy.requireMember(caller, channelId);
        EventEnvelope event = events.event(
                EventTypes.CHANNEL_READ, channelId, caller.userId(), new MetaPayloads.ChannelRead(lastRead.toString()));
        EventSink.Ack ack = publisher.publish(
                Subjects.userMeta(caller.userId()),
                event,
                IdempotencyKeys.command(event.type() + ":" + channelId, caller.userId(), key));
        return accepted(channelId, ack, event);
    }

    private EventSink.Ack publish(String channelId, EventEnvelope event, String header) {
        return publisher.publish(
                Subjects.channelMeta(channelId),
                event,
                IdempotencyKeys.command(event.type() + ":" + channelId, event.actorId(), header));
    }

    private Response accepted(String channelId, EventSink.Ack ack, EventEnvelope event) {
        UUID eventId = ack.duplicate() ? publisher.read(ack.stream(), ack.seq()).id() : event.id();
        return Response.accepted(Accepted.channel(channelId, eventId, ack.seq(), ack.duplicate() ? Boolean.TRUE : null))
                .build();
    }
}
