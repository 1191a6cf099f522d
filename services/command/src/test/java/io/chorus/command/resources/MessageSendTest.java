package io.chorus.command.resources;

import static org.assertj.core.api.Assertions.assertThat;

import io.chorus.command.api.Requests;
import io.chorus.command.core.ChannelPolicy;
import io.chorus.command.core.EventFactory;
import io.chorus.command.core.MessageAuthorship;
import io.chorus.command.core.PermissionLookups;
import io.chorus.command.core.SendWindow;
import io.chorus.common.api.ApiException;
import io.chorus.common.auth.ChorusPrincipal;
import io.chorus.common.events.EventEnvelope;
import io.chorus.common.nats.EventSink;
import jakarta.ws.rs.core.Response;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.junit.jupiter.api.Test;

/**
 * {@code POST /v1/channels/{id}/messages} with permission lookups that answer later (decision 0063): the resource
 * returns before the bucket answers, publishes only for a member, and answers with the same statuses as before.
 */
class MessageSendTest {
    private final Map<String, CompletableFuture<Optional<String>>> asked = new HashMap<>();
    private final List<EventEnvelope> published = new ArrayList<>();
    private final EventSink sink = new EventSink() {
        @Override
        public Ack publish(String subject, EventEnvelope event, String idempotencyKey) {
            published.add(event);
            return new Ack("MESSAGES", published.size(), false);
        }

        @Override
        public Ack publishIfSubjectEmpty(String subject, EventEnvelope event, String idempotencyKey) {
            return publish(subject, event, idempotencyKey);
        }

        @Override
        public EventEnvelope read(String stream, long seq) {
            throw new IllegalStateException("no duplicates here");
        }
    };
    private final PermissionLookups later = new PermissionLookups() {
        @Override
        public CompletionStage<Optional<String>> role(String channelId, String userId) {
            return asked.computeIfAbsent(channelId + "." + userId, k -> new CompletableFuture<>());
        }

        @Override
        public CompletionStage<Optional<String>> kind(String channelId) {
            return asked.computeIfAbsent(channelId, k -> new CompletableFuture<>());
        }
    };
    private final MessageCommands messages = new MessageCommands(
            new ChannelPolicy(null, later),
            new MessageAuthorship(new byte[32]),
            new EventFactory(CommandBodies.JSON, Clock.systemUTC()),
            sink,
            SendWindow.inline(sink, 16),
            Runnable::run,
            null,
            CommandBodies.JSON);
    private final ChorusPrincipal alice = new ChorusPrincipal("alice", false);

    private CompletableFuture<Response> send() {
        return messages.send(alice, "c1", new Requests.SendMessage("m1", "hello"))
                .toCompletableFuture();
    }

    @Test
    void theRequestReturnsBeforeTheBucketAnswersAndAMemberIs202() {
        CompletableFuture<Response> answer = send();
        assertThat(answer)
                .as("waiting for the membership read, not blocking on it")
                .isNotDone();
        assertThat(published).isEmpty();
        asked.get("c1.alice").complete(Optional.of("member"));
        assertThat(answer.join().getStatus()).isEqualTo(202);
        assertThat(published).hasSize(1);
    }

    @Test
    void aNonMemberIs403AndNothingIsPublished() {
        CompletableFuture<Response> answer = send();
        asked.get("c1.alice").complete(Optional.empty());
        asked.get("c1").complete(Optional.of("private"));
        assertThat(answer.join().getStatus()).isEqualTo(403);
        assertThat(published).isEmpty();
    }

    @Test
    void aMissingChannelIs404() {
        CompletableFuture<Response> answer = send();
        asked.get("c1.alice").complete(Optional.empty());
        asked.get("c1").complete(Optional.empty());
        assertThat(answer.join().getStatus()).isEqualTo(404);
    }

    @Test
    void anUnreadableBucketIs503WithRetryAfterAndAnythingUnforeseenIsNotA500() {
        CompletableFuture<Response> timedOut = send();
        asked.remove("c1.alice")
                .completeExceptionally(new ApiException(503, "unavailable", "late", Duration.ofSeconds(1)));
        Response refused = timedOut.join();
        assertThat(refused.getStatus()).isEqualTo(503);
        assertThat(refused.getHeaderString("Retry-After")).isEqualTo("1");

        CompletableFuture<Response> broken = send();
        asked.get("c1.alice").completeExceptionally(new IllegalStateException("surprise"));
        assertThat(broken.join().getStatus()).isEqualTo(503);
        assertThat(published).isEmpty();
    }
}
