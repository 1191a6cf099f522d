package io.chorus.command.resources;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.chorus.command.api.Accepted;
import io.chorus.command.api.Requests;
import io.chorus.command.core.AuthorPolicy;
import io.chorus.command.core.ChannelPolicy;
import io.chorus.command.core.CommandRules;
import io.chorus.command.core.EventFactory;
import io.chorus.command.core.IdempotencyKeys;
import io.chorus.command.core.MessageAuthorship;
import io.chorus.command.core.SendWindow;
import io.chorus.common.api.ApiException;
import io.chorus.common.auth.ChorusPrincipal;
import io.chorus.common.events.EventEnvelope;
import io.chorus.common.events.EventTypes;
import io.chorus.common.events.MessagePayloads;
import io.chorus.common.events.Subjects;
import io.chorus.common.nats.EventSink;
import io.chorus.common.nats.ManagedNatsConnection;
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
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Message commands: send, edit, delete, react (each one {@code MESSAGES} event, 202 after the PubAck), and typing
 * (core NATS only). Membership is checked here (asynchronously for sends), and authorship of edits and deletes too: a message's id carries
 * a tag only its author reproduces (decision 0024), so a forged edit is a synchronous 403 and never an event.
 */
@Path("/v1/channels")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public final class MessageCommands {
    private static final Logger LOG = LoggerFactory.getLogger(MessageCommands.class);
    private final ChannelPolicy policy;
    private final AuthorPolicy authors;
    private final MessageAuthorship authorship;
    private final EventFactory events;
    private final EventSink publisher;
    private final SendWindow window;
    private final Executor replies;
    private final ManagedNatsConnection nats;
    private final ObjectMapper json;

    /**
     * @param window  the sends' bounded in-flight publishes (over {@code publisher})
     * @param replies where answers to sends are written once their PubAck is in (not the NATS client's threads)
     */
    public MessageCommands(
            ChannelPolicy policy,
            MessageAuthorship authorship,
            EventFactory events,
            EventSink publisher,
            SendWindow window,
            Executor replies,
            ManagedNatsConnection nats,
            ObjectMapper json) {
        this.policy = policy;
        this.window = window;
        this.replies = replies;
        this.authors = new AuthorPolicy(policy, authorship);
        this.authorship = authorship;
        this.events = events;
        this.publisher = publisher;
        this.nats = nats;
        this.json = json;
    }

    /**
     * Validates on the request thread, then returns: membership is looked up without blocking (decision 0063), the
     * send goes through the window, and the 202 (or the 403/404/503) is written from {@code replies} once the PubAck
     * (or its absence) is known, so no request thread waits on the cluster (decision 0039).
     */
    @POST
    @Path("/{channelId}/messages")
    @CountedSends
    public CompletionStage<Response> send(
            @Auth ChorusPrincipal caller, @PathParam("channelId") String channelId, Requests.SendMessage body) {
        CommandRules.id("channelId", channelId);
        CommandRules.requireBody(body);
        String clientMsgId = CommandRules.id("clientMsgId", body.clientMsgId());
        String text = CommandRules.text(body.text());
        return policy.memberRole(caller, channelId)
                .thenCompose(role -> sendToWindow(caller.userId(), channelId, clientMsgId, text))
                .handleAsync(
                        (sent, error) -> error == null ? accepted(channelId, sent.event(), sent.ack()) : refused(error),
                        replies);
    }

    /**
     * A send by an author no bearer token names (an incoming webhook, decision 0216), already checked by the caller:
     * the same window, idempotency and answers as {@link #send}.
     */
    public CompletionStage<Response> sendAs(String authorId, String channelId, String clientMsgId, String text) {
        return sendToWindow(authorId, channelId, clientMsgId, text)
                .handleAsync(
                        (sent, error) -> error == null ? accepted(channelId, sent.event(), sent.ack()) : refused(error),
                        replies);
    }

    /** A send handed to the window, with the PubAck it got. */
    private record Sent(EventEnvelope event, EventSink.Ack ack) {}

    private CompletionStage<Sent> sendToWindow(String authorId, String channelId, String clientMsgId, String text) {
        UUID id = authorship.newMessageId(channelId, authorId, System.currentTimeMillis());
        EventEnvelope event = events.event(
                id, EventTypes.MESSAGE_CREATED, channelId, authorId, new MessagePayloads.Created(clientMsgId, text));
        return window.publish(
                        Subjects.message(channelId),
                        event,
                        IdempotencyKeys.messageCreated(channelId, authorId, clientMsgId))
                .thenApply(ack -> new Sent(event, ack));
    }

    private Response accepted(String channelId, EventEnvelope event, EventSink.Ack ack) {
        try {
            UUID messageId =
                    ack.duplicate() ? publisher.read(ack.stream(), ack.seq()).id() : event.id();
            return Response.accepted(
                            Accepted.message(channelId, messageId, ack.seq(), ack.duplicate() ? Boolean.TRUE : null))
                    .build();
        } catch (ApiException e) {
            return e.toResponse();
        }
    }

    /** The answer a failed publish gets: its own 503, or a 503 for anything unforeseen (never a 500 for a send). */
    private static Response refused(Throwable error) {
        Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
        if (cause instanceof ApiException api) {
            return api.toResponse();
        }
        LOG.warn("send failed unexpectedly", cause);
        return new ApiException(
                        503,
                        "unavailable",
                        "the event backbone did not acknowledge in time; retry",
                        Duration.ofSeconds(1))
                .toResponse();
    }

    @PATCH
    @Path("/{channelId}/messages/{messageId}")
    public Response edit(
            @Auth ChorusPrincipal caller,
            @PathParam("channelId") String channelId,
            @PathParam("messageId") String messageId,
            @HeaderParam(IdempotencyKeys.HEADER) String key,
            Requests.EditMessage body) {
        CommandRules.id("channelId", channelId);
        UUID id = CommandRules.messageId(messageId);
        CommandRules.requireBody(body);
        String text = CommandRules.text(body.text());
        authors.checkEdit(caller, channelId, id);
        return publish(
                caller,
                channelId,
                id,
                key,
                events.event(
                        EventTypes.MESSAGE_EDITED, channelId, caller.userId(), new MessagePayloads.Edited(id, text)));
    }

    @DELETE
    @Path("/{channelId}/messages/{messageId}")
    public Response delete(
            @Auth ChorusPrincipal caller,
            @PathParam("channelId") String channelId,
            @PathParam("messageId") String messageId,
            @HeaderParam(IdempotencyKeys.HEADER) String key) {
        CommandRules.id("channelId", channelId);
        UUID id = CommandRules.messageId(messageId);
        authors.checkDelete(caller, channelId, id);
        return publish(
                caller,
                channelId,
                id,
                key,
                events.event(EventTypes.MESSAGE_DELETED, channelId, caller.userId(), new MessagePayloads.Deleted(id)));
    }

    @POST
    @Path("/{channelId}/messages/{messageId}/reactions")
    public Response react(
            @Auth ChorusPrincipal caller,
            @PathParam("channelId") String channelId,
            @PathParam("messageId") String messageId,
            @HeaderParam(IdempotencyKeys.HEADER) String key,
            Requests.AddReaction body) {
        CommandRules.id("channelId", channelId);
        UUID id = CommandRules.messageId(messageId);
        CommandRules.requireBody(body);
        String emoji = CommandRules.emoji(body.emoji());
        policy.requireMember(caller, channelId);
        return publish(
                caller,
                channelId,
                id,
                key,
                events.event(
                        EventTypes.REACTION_ADDED,
                        channelId,
                        caller.userId(),
                        new MessagePayloads.Reaction(id, emoji)));
    }

    @DELETE
    @Path("/{channelId}/messages/{messageId}/reactions/{emoji}")
    public Response unreact(
            @Auth ChorusPrincipal caller,
            @PathParam("channelId") String channelId,
            @PathParam("messageId") String messageId,
            @PathParam("emoji") String emoji,
            @HeaderParam(IdempotencyKeys.HEADER) String key) {
        CommandRules.id("channelId", channelId);
        UUID id = CommandRules.messageId(messageId);
        String valid = CommandRules.emoji(emoji);
        policy.requireMember(caller, channelId);
        return publish(
                caller,
                channelId,
                id,
                key,
                events.event(
                        EventTypes.REACTION_REMOVED,
                        channelId,
                        caller.userId(),
                        new MessagePayloads.Reaction(id, valid)));
    }

    /** Typing is ephemeral: one core NATS publish on {@code chat.typing.<channelId>}, never a stream. */
    @POST
    @Path("/{channelId}/typing")
    public Response typing(@Auth ChorusPrincipal caller, @PathParam("channelId") String channelId) {
        CommandRules.id("channelId", channelId);
        policy.requireMember(caller, channelId);
        try {
            byte[] body = json.writeValueAsBytes(Map.of(
                    "channelId",
                    channelId,
                    "userId",
                    caller.userId(),
                    "at",
                    Instant.now().toString()));
            nats.connection().publish(Subjects.typing(channelId), body);
        } catch (JsonProcessingException | RuntimeException e) {
            throw new ApiException(503, "unavailable", "typing could not be sent; retry", Duration.ofSeconds(1));
        }
        return Response.accepted(Map.of("channelId", channelId)).build();
    }

    private Response publish(
            ChorusPrincipal caller, String channelId, UUID messageId, String header, EventEnvelope event) {
        EventSink.Ack ack = publisher.publish(
                Subjects.message(channelId),
                event,
                IdempotencyKeys.messageCommand(event.type(), channelId, messageId, caller.userId(), header));
        UUID eventId = ack.duplicate() ? publisher.read(ack.stream(), ack.seq()).id() : event.id();
        return Response.accepted(new Accepted(
                        channelId, messageId, null, eventId, ack.seq(), ack.duplicate() ? Boolean.TRUE : null))
                .build();
    }
}
