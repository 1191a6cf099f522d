package io.chorus.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.chorus.common.auth.DevelopmentTokens;
import io.chorus.common.events.Subjects;
import io.chorus.harness.stack.LocalStackExtension;
import io.chorus.harness.stack.StackDescription;
import io.nats.client.api.StreamInfoOptions;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
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
    private static final HttpClient HTTP = HttpClient.newHttpClient();
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

        assertThat(rest.call("POST", "/v1/channels", owner, "{\"channelId\":\"" + channel + "\",\"name\":\"authors\","
                + "\"kind\":\"private\",\"members\":[\"" + alice + "\",\"" + bob + "\"]}").statusCode()).isEqualTo(202);
        Poll.until("the channel with its 3 members", WAIT, () -> rest.query("/v1/channels/" + channel, owner),
                r -> r.statusCode() == 200 && rest.json(r).path("memberCount").asInt() == 3);
        SocketClient watcher = SocketClient.open(stack.services().notification().get(1).ws(), tokens.issue(owner,
                false, Duration.ofHours(1)), null);
        watcher.await("ready", WAIT);

        HttpResponse<String> sent = rest.call("POST", "/v1/channels/" + channel + "/messages", alice,
                "{\"clientMsgId\":\"m1\",\"text\":\"original " + word + "\"}");
        assertThat(sent.statusCode()).isEqualTo(202);
        String messageId = rest.json(sent).path("messageId").asText();
        String message = "/v1/channels/" + channel + "/messages/" + messageId;

        HttpResponse<String> edit = rest.call("PATCH", message, bob, "{\"text\":\"" + forged + "\"}");
        assertThat(edit.statusCode()).isEqualTo(403);
        assertThat(rest.json(edit).at("/error/code").asText()).isEqualTo("not_author");
        HttpResponse<String> delete = rest.call("DELETE", message, bob, null);
        assertThat(delete.statusCode()).isEqualTo(403);
        assertThat(rest.json(delete).at("/error/code").asText()).isEqualTo("not_author");
        // an id bob made up (or took from another channel) proves nothing either
        assertThat(rest.call("PATCH", "/v1/channels/" + channel + "/messages/" + UUID.randomUUID(), bob,
                "{\"text\":\"x\"}").statusCode()).isEqualTo(403);

        // the author's own edit goes through: once it is visible everywhere, a forged one would have been too
        HttpResponse<String> own = rest.call("PATCH", message, alice, "{\"text\":\"edited " + word + "\"}");
        assertThat(own.statusCode()).isEqualTo(202);
        List<JsonNode> live = watcher.events(2, WAIT);
        assertThat(live).extracting(e -> e.at("/event/type").asText()).containsExactly("message.created", "message.edited");
        assertThat(live.get(1).at("/event/actorId").asText()).isEqualTo(alice);
        assertThat(watcher.events(1, Duration.ofMillis(500))).as("no frame of bob's attempts").isEmpty();

        JsonNode history = Poll.until("the edit in history", WAIT,
                () -> rest.json(rest.query("/v1/channels/" + channel + "/messages", alice)),
                h -> h.path("messages").size() == 1 && h.at("/messages/0/text").asText().startsWith("edited"));
        assertThat(history.at("/messages/0/authorId").asText()).isEqualTo(alice);
        JsonNode hits = Poll.until("the edit searchable", WAIT,
                () -> rest.json(rest.query("/v1/search?channelId=" + channel + "&q=" + word, alice)).path("hits"),
                h -> h.size() == 1 && h.get(0).path("text").asText().startsWith("edited"));
        assertThat(hits.get(0).path("authorId").asText()).isEqualTo(alice);
        assertThat(rest.json(rest.query("/v1/search?channelId=" + channel + "&q=" + forged, alice)).path("hits"))
                .isEmpty();
        try (LiveDeliveryFixture fixture = new LiveDeliveryFixture(stack)) {
            long events = fixture.nats().jetStreamManagement().getStreamInfo(Subjects.MESSAGES_STREAM,
                            StreamInfoOptions.filterSubjects(Subjects.message(channel))).getStreamState().getSubjects()
                    .stream().mapToLong(io.nats.client.api.Subject::getCount).sum();
            assertThat(events).as("the create and alice's edit: no event of bob's").isEqualTo(2);
        }

        // the channel's owner may delete it (moderation), and then it is gone for everyone
        assertThat(rest.call("DELETE", message, owner, null).statusCode()).isEqualTo(202);
        assertThat(watcher.events(1, WAIT)).extracting(e -> e.at("/event/type").asText())
                .containsExactly("message.deleted");
        watcher.close();
    }

    /** The command and query REST APIs as a given user. */
    private record Rest(StackDescription stack, DevelopmentTokens tokens) {
        HttpResponse<String> call(String method, String path, String user, String body) throws Exception {
            return send(method, stack.services().command().url() + path, user, body);
        }

        HttpResponse<String> query(String path, String user) throws Exception {
            return send("GET", stack.services().query().url() + path, user, null);
        }

        private HttpResponse<String> send(String method, String url, String user, String body) throws Exception {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30))
                    .header("Authorization", "Bearer " + tokens.issue(user, false, Duration.ofHours(1)))
                    .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                            : HttpRequest.BodyPublishers.ofString(body));
            if (body != null) {
                request.header("Content-Type", "application/json");
            }
            return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        }

        JsonNode json(HttpResponse<String> response) {
            try {
                return LiveDeliveryFixture.JSON.readTree(response.body());
            } catch (java.io.IOException e) {
                return LiveDeliveryFixture.JSON.missingNode();
            }
        }
    }
}
