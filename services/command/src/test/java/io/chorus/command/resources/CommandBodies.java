package io.chorus.command.resources;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.chorus.command.api.Requests;
import io.chorus.command.core.ChannelPolicy;
import io.chorus.command.core.EventFactory;
import io.chorus.command.core.Permissions;
import io.chorus.common.api.ApiException;
import io.chorus.common.api.ErrorMappers;
import io.chorus.common.auth.ChorusPrincipal;
import io.chorus.common.events.EventEnvelope;
import io.chorus.common.nats.EventSink;
import io.dropwizard.jackson.Jackson;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Drives the command resources as Jersey would for one request: the body parsed by Dropwizard's object mapper
 * into the endpoint's request type, the resource method called, and any exception mapped by the same
 * {@link ErrorMappers} the service installs. The answer's status is what a client would get; the event sink is in
 * memory (this is about the parsing and checking of client input, not about JetStream).
 */
final class CommandBodies {
    static final ObjectMapper JSON = Jackson.newObjectMapper();
    static final int ENDPOINTS = 10;

    private final AtomicLong seq = new AtomicLong();
    private final EventSink sink = new EventSink() {
        @Override
        public Ack publish(String subject, EventEnvelope event, String idempotencyKey) {
            JSON.valueToTree(event); // the event must serialise
            return new Ack("TEST", seq.incrementAndGet(), false);
        }

        @Override
        public Ack publishIfSubjectEmpty(String subject, EventEnvelope event, String idempotencyKey) {
            return publish(subject, event, idempotencyKey);
        }

        @Override
        public EventEnvelope read(String stream, long sequence) {
            throw new IllegalStateException("no duplicates here");
        }
    };
    /** Every channel exists and is public, but for the ids a create names ({@code c-...}); the caller is a member. */
    private final Permissions permissions = new Permissions() {
        @Override
        public Optional<String> role(String channelId, String userId) {
            return Optional.of("member");
        }

        @Override
        public Optional<String> kind(String channelId) {
            return channelId.startsWith("c-") ? Optional.empty() : Optional.of("public");
        }
    };

    private final ChannelPolicy policy = new ChannelPolicy(permissions);
    private final EventFactory events = new EventFactory(JSON, Clock.systemUTC());
    private final ChannelCommands channels = new ChannelCommands(policy, events, sink);
    private final MessageCommands messages = new MessageCommands(
            policy,
            new io.chorus.command.core.MessageAuthorship(new byte[32]),
            events,
            sink,
            io.chorus.command.core.SendWindow.inline(sink, 16),
            Runnable::run,
            null,
            JSON);
    private final UserCommands users = new UserCommands(events, sink);
    private final ChorusPrincipal caller = new ChorusPrincipal("fuzzer", false);

    /** The status a client gets for this body (and path parameter) on endpoint {@code endpoint % ENDPOINTS}. */
    int status(int endpoint, byte[] body, String pathParam, String header) {
        try {
            return switch (Math.floorMod(endpoint, ENDPOINTS)) {
                case 0 ->
                    channels.create(caller, header, parse(body, Requests.CreateChannel.class))
                            .getStatus();
                case 1 ->
                    channels.update(caller, pathParam, header, parse(body, Requests.UpdateChannel.class))
                            .getStatus();
                case 2 ->
                    channels.addMembers(caller, pathParam, header, parse(body, Requests.AddMembers.class))
                            .getStatus();
                case 3 -> channels.removeMember(caller, "c1", pathParam, header).getStatus();
                case 4 ->
                    users.updateProfile(caller, header, parse(body, Requests.UpdateProfile.class))
                            .getStatus();
                case 5 ->
                    messages.send(caller, pathParam, parse(body, Requests.SendMessage.class))
                            .toCompletableFuture()
                            .join()
                            .getStatus();
                case 6 ->
                    messages.edit(caller, "c1", pathParam, header, parse(body, Requests.EditMessage.class))
                            .getStatus();
                case 7 ->
                    messages.react(
                                    caller,
                                    "c1",
                                    "01890000-0000-7000-8000-000000000000",
                                    header,
                                    parse(body, Requests.AddReaction.class))
                            .getStatus();
                case 8 ->
                    channels.markRead(caller, pathParam, header, parse(body, Requests.MarkRead.class))
                            .getStatus();
                default ->
                    messages.unreact(caller, "c1", "01890000-0000-7000-8000-000000000000", pathParam, header)
                            .getStatus();
            };
        } catch (ApiException e) {
            return e.toResponse().getStatus();
        } catch (JsonProcessingException e) {
            return new ErrorMappers.ForBadJson().toResponse(e).getStatus();
        } catch (RuntimeException | IOException e) {
            Response mapped = new ErrorMappers.ForUnexpected().toResponse(e);
            throw new AssertionError("a client's input caused a " + mapped.getStatus(), e);
        }
    }

    /** As Jersey's Jackson provider: an empty body is a null entity. */
    private static <T> T parse(byte[] body, Class<T> type) throws IOException {
        return body.length == 0 ? null : JSON.readValue(body, type);
    }
}
