package io.chorus.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.chorus.common.auth.DevelopmentTokens;
import io.chorus.common.events.Subjects;
import io.chorus.harness.client.ChorusClient;
import io.chorus.harness.client.Frame;
import io.chorus.harness.client.NotificationSocket;
import io.chorus.harness.client.Response;
import io.chorus.harness.stack.LocalStackExtension;
import io.chorus.harness.stack.StackDescription;
import io.nats.client.api.StreamInfoOptions;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Decision 0024: only a message's author edits it; its author, the channel's owners and admins, and platform admins
 * delete it. A refused edit is a synchronous 403 and never an event, so history, search and live clients never
 * see it. Everything goes through the real REST endpoints.
 */
@Order(24)
@ExtendWith(LocalStackExtension.class)
class MessageAuthorshipIT {
    private static final Duration WAIT = Duration.ofSeconds(30);

    @Test
    void anotherMemberCannotEditOrDeleteAMessageAndNothingOfTheAttemptIsSeenAnywhere(StackDescription stack)
            throws Exception {
        DevelopmentTokens tokens = new DevelopmentTokens(stack.auth().hmacSecret());
        String owner = LiveDeliveryFixture.id("owner");
        String alice = LiveDeliveryFixture.id("alice");
        String bob = LiveDeliveryFixture.id("bob");
        String channel = LiveDeliveryFixture.id("authors");
        String word = "w" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
        String forged = "forged" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
        Rest rest = new Rest(stack, tokens);

        assertThat(rest.call(
                                "POST",
                                "/v1/channels",
                                owner,
                                "{\"channelId\":\"" + channel + "\",\"name\":\"authors\","
                                        + "\"kind\":\"private\",\"members\":[\"" + alice + "\",\"" + bob + "\"]}")
                        .status())
                .isEqualTo(202);
        Poll.until(
                "the channel with its 3 members",
                WAIT,
                () -> rest.query("/v1/channels/" + channel, owner),
                r -> r.status() == 200 && rest.json(r).path("memberCount").asInt() == 3);
        NotificationSocket watcher = NotificationSocket.connect(
                stack.services().notification().get(1).ws(), tokens.issue(owner, false, Duration.ofHours(1)), null);
        watcher.awaitReady(WAIT);

        Response sent = rest.call(
                "POST",
                "/v1/channels/" + channel + "/messages",
                alice,
                "{\"clientMsgId\":\"m1\",\"text\":\"original " + word + "\"}");
        assertThat(sent.status()).isEqualTo(202);
        String messageId = rest.json(sent).path("messageId").asText();
        String message = "/v1/channels/" + channel + "/messages/" + messageId;

        Response edit = rest.call("PATCH", message, bob, "{\"text\":\"" + forged + "\"}");
        assertThat(edit.status()).isEqualTo(403);
        assertThat(rest.json(edit).at("/error/code").asText()).isEqualTo("not_author");
        Response delete = rest.call("DELETE", message, bob, null);
        assertThat(delete.status()).isEqualTo(403);
        assertThat(rest.json(delete).at("/error/code").asText()).isEqualTo("not_author");
        // an id bob made up (or took from another channel) proves nothing either
        assertThat(rest.call(
                                "PATCH",
                                "/v1/channels/" + channel + "/messages/" + UUID.randomUUID(),
                                bob,
                                "{\"text\":\"x\"}")
                        .status())
                .isEqualTo(403);

        // the author's own edit goes through: once it is visible everywhere, a forged one would have been too
        Response own = rest.call("PATCH", message, alice, "{\"text\":\"edited " + word + "\"}");
        assertThat(own.status()).isEqualTo(202);
        List<Frame.Event> live = watcher.events(2, WAIT);
        assertThat(live).extracting(Frame.Event::type).containsExactly("message.created", "message.edited");
        assertThat(live.get(1).event().path("actorId").asText()).isEqualTo(alice);
        assertThat(watcher.events(1, Duration.ofMillis(500)))
                .as("no frame of bob's attempts")
                .isEmpty();

        JsonNode history = Poll.until(
                "the edit in history",
                WAIT,
                () -> rest.json(rest.query("/v1/channels/" + channel + "/messages", alice)),
                h -> h.path("messages").size() == 1
                        && h.at("/messages/0/text").asText().startsWith("edited"));
        assertThat(history.at("/messages/0/authorId").asText()).isEqualTo(alice);
        JsonNode hits = Poll.until(
                "the edit searchable",
                WAIT,
                () -> rest.json(rest.query("/v1/search?channelId=" + channel + "&q=" + word, alice))
                        .path("hits"),
                h -> h.size() == 1 && h.get(0).path("text").asText().startsWith("edited"));
        assertThat(hits.get(0).path("authorId").asText()).isEqualTo(alice);
        assertThat(rest.json(rest.query("/v1/search?channelId=" + channel + "&q=" + forged, alice))
                        .path("hits"))
                .isEmpty();
        try (LiveDeliveryFixture fixture = new LiveDeliveryFixture(stack)) {
            long events = fixture
                    .nats()
                    .jetStreamManagement()
                    .getStreamInfo(
                            Subjects.MESSAGES_STREAM, StreamInfoOptions.filterSubjects(Subjects.message(channel)))
                    .getStreamState()
                    .getSubjects()
                    .stream()
                    .mapToLong(io.nats.client.api.Subject::getCount)
                    .sum();
            assertThat(events)
                    .as("the create and alice's edit: no event of bob's")
                    .isEqualTo(2);
        }

        // the channel's owner may delete it (moderation), and then it is gone for everyone
        assertThat(rest.call("DELETE", message, owner, null).status()).isEqualTo(202);
        assertThat(watcher.events(1, WAIT)).extracting(Frame.Event::type).containsExactly("message.deleted");
        watcher.close();
    }

    /** The command and query REST APIs as a given user, through the harness's client (any answer returned). */
    private record Rest(ChorusClient client, DevelopmentTokens tokens) {
        Rest(StackDescription stack, DevelopmentTokens tokens) {
            this(ChorusClient.of(stack), tokens);
        }

        Response call(String method, String path, String user, String body) {
            return client.raw(ChorusClient.Service.COMMAND, method, path, token(user), body);
        }

        Response query(String path, String user) {
            return client.raw(ChorusClient.Service.QUERY, "GET", path, token(user), null);
        }

        private String token(String user) {
            return tokens.issue(user, false, Duration.ofHours(1));
        }

        JsonNode json(Response response) {
            return response.json() == null ? LiveDeliveryFixture.JSON.missingNode() : response.json();
        }
    }
}
