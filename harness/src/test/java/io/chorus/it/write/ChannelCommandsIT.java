package io.chorus.it.write;

import static org.assertj.core.api.Assertions.assertThat;

import io.chorus.harness.Poll;
import io.chorus.harness.client.Response;
import io.chorus.harness.stack.LocalStackExtension;
import io.chorus.harness.stack.StackDescription;
import io.chorus.it.StackFixture;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Channel and membership commands against the local stack: happy paths and each error status. */
@ExtendWith(LocalStackExtension.class)
class ChannelCommandsIT {
    @Test
    void createdChannelReachesTheQueryServiceWithItsMembers(StackDescription stack) {
        StackFixture api = new StackFixture(stack);
        String channel = StackFixture.id("ch");
        Response created = api.createChannel("alice", channel, "private", "bob", "carol");
        assertThat(created.status()).as(created.toString()).isEqualTo(202);
        assertThat(created.json().path("channelId").asText()).isEqualTo(channel);
        assertThat(created.json().path("seq").asLong()).isPositive();

        api.awaitChannel(channel, "alice", 3);
        Response seen = api.get("/v1/channels/" + channel, api.token("bob"));
        assertThat(seen.status()).isEqualTo(200);
        assertThat(seen.json().path("kind").asText()).isEqualTo("private");
        assertThat(seen.json().path("role").asText()).isEqualTo("member");
        assertThat(api.get("/v1/channels/" + channel, api.token("alice"))
                        .json()
                        .path("role")
                        .asText())
                .isEqualTo("owner");
    }

    @Test
    void theSameChannelIdTwiceIsAConflictButAnIdempotentRetryIsNot(StackDescription stack) {
        StackFixture api = new StackFixture(stack);
        String channel = StackFixture.id("ch");
        Response first = api.createChannel("alice", channel, "public");
        Response retry = api.createChannel("alice", channel, "public");
        assertThat(first.status()).isEqualTo(202);
        assertThat(retry.status()).as(retry.toString()).isEqualTo(202);
        assertThat(retry.json().path("duplicate").asBoolean()).isTrue();
        assertThat(retry.json().path("eventId").asText())
                .isEqualTo(first.json().path("eventId").asText());

        Response other = api.createChannel("mallory", channel, "public");
        assertThat(other.status()).as(other.toString()).isEqualTo(409);
        assertThat(other.code()).isEqualTo("conflict");
    }

    @Test
    void idempotencyKeyNamesTheSameChannelOnRetry(StackDescription stack) {
        StackFixture api = new StackFixture(stack);
        String body = "{\"name\":\"keyed\",\"kind\":\"public\"}";
        String key = StackFixture.id("key");
        Response first =
                api.send("POST", api.commandUrl() + "/v1/channels", api.token("alice"), body, "application/json", key);
        Response second =
                api.send("POST", api.commandUrl() + "/v1/channels", api.token("alice"), body, "application/json", key);
        assertThat(first.status()).isEqualTo(202);
        assertThat(second.json().path("channelId").asText())
                .isEqualTo(first.json().path("channelId").asText());
        assertThat(second.json().path("duplicate").asBoolean()).isTrue();
    }

    @Test
    void directChannelsHaveOneIdForAPairAndFixedMembers(StackDescription stack) {
        StackFixture api = new StackFixture(stack);
        String a = StackFixture.id("u");
        String b = StackFixture.id("u");
        Response created = api.post("/v1/channels", api.token(a), "{\"kind\":\"direct\",\"members\":[\"" + b + "\"]}");
        assertThat(created.status()).as(created.toString()).isEqualTo(202);
        String channel = created.json().path("channelId").asText();
        assertThat(channel).startsWith("dm-");
        Response reverse = api.post("/v1/channels", api.token(b), "{\"kind\":\"direct\",\"members\":[\"" + a + "\"]}");
        assertThat(reverse.status()).isEqualTo(409);
        api.awaitChannel(channel, a, 2);
        Response add = api.post("/v1/channels/" + channel + "/members", api.token(a), "{\"userIds\":[\"carol\"]}");
        assertThat(add.status()).isEqualTo(409);
        assertThat(api.post("/v1/channels", api.token(a), "{\"kind\":\"direct\",\"members\":[]}")
                        .status())
                .isEqualTo(422);
    }

    @Test
    void membersAreAddedAndRemovedAndMayLeave(StackDescription stack) {
        StackFixture api = new StackFixture(stack);
        String channel = StackFixture.id("ch");
        api.createChannel("alice", channel, "private");
        api.awaitChannel(channel, "alice", 1);

        assertThat(api.post(
                                "/v1/channels/" + channel + "/members",
                                api.token("alice"),
                                "{\"userIds\":[\"bob\",\"carol\",\"dave\"]}")
                        .status())
                .isEqualTo(202);
        api.awaitChannel(channel, "alice", 4);

        // a member may not remove others, a manager may, anyone may leave
        Response byMember = api.send(
                "DELETE", api.commandUrl() + "/v1/channels/" + channel + "/members/dave", api.token("bob"), null);
        assertThat(byMember.status()).as(byMember.toString()).isEqualTo(403);
        assertThat(api.send(
                                "DELETE",
                                api.commandUrl() + "/v1/channels/" + channel + "/members/dave",
                                api.token("alice"),
                                null)
                        .status())
                .isEqualTo(202);
        assertThat(api.send(
                                "DELETE",
                                api.commandUrl() + "/v1/channels/" + channel + "/members/carol",
                                api.token("carol"),
                                null)
                        .status())
                .isEqualTo(202);
        api.awaitChannel(channel, "alice", 2);
        Response gone = Poll.until(
                Duration.ofSeconds(5),
                () -> api.send(
                        "DELETE",
                        api.commandUrl() + "/v1/channels/" + channel + "/members/carol",
                        api.token("alice"),
                        null),
                a -> a.status() == 404);
        assertThat(gone.code()).isEqualTo("not_a_member");
    }

    @Test
    void anyoneMayJoinAPublicChannelButNotAPrivateOne(StackDescription stack) {
        StackFixture api = new StackFixture(stack);
        String open = StackFixture.id("pub");
        String closed = StackFixture.id("priv");
        api.createChannel("alice", open, "public");
        api.createChannel("alice", closed, "private");
        api.awaitChannel(open, "alice", 1);
        api.awaitChannel(closed, "alice", 1);
        String eve = StackFixture.id("eve");
        assertThat(api.post("/v1/channels/" + open + "/members", api.token(eve), "{\"userIds\":[\"" + eve + "\"]}")
                        .status())
                .isEqualTo(202);
        Response refused =
                api.post("/v1/channels/" + closed + "/members", api.token(eve), "{\"userIds\":[\"" + eve + "\"]}");
        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.code()).isEqualTo("not_a_member");
        // a member may not grant admin; the owner may
        api.awaitChannel(open, "alice", 2);
        Response grant = Poll.until(
                Duration.ofSeconds(5),
                () -> api.post(
                        "/v1/channels/" + open + "/members",
                        api.token(eve),
                        "{\"userIds\":[\"zed\"],\"role\":\"admin\"}"),
                a -> a.status() != 403 || "forbidden".equals(a.code()));
        assertThat(grant.code()).isEqualTo("forbidden");
    }

    @Test
    void renameNeedsAManagerTopicAnyMember(StackDescription stack) {
        StackFixture api = new StackFixture(stack);
        String channel = StackFixture.id("ch");
        api.createChannel("alice", channel, "public", "bob");
        api.awaitChannel(channel, "alice", 2);
        Response rename =
                api.send("PATCH", api.commandUrl() + "/v1/channels/" + channel, api.token("bob"), "{\"name\":\"x\"}");
        assertThat(rename.status()).isEqualTo(403);
        assertThat(api.send(
                                "PATCH",
                                api.commandUrl() + "/v1/channels/" + channel,
                                api.token("bob"),
                                "{\"topic\":\"new topic\"}")
                        .status())
                .isEqualTo(202);
        assertThat(api.send(
                                "PATCH",
                                api.commandUrl() + "/v1/channels/" + channel,
                                api.token("alice"),
                                "{\"name\":\"renamed\"}")
                        .status())
                .isEqualTo(202);
        Poll.until(
                Duration.ofSeconds(20),
                () -> api.get("/v1/channels/" + channel, api.token("bob")).json(),
                j -> "renamed".equals(j.path("name").asText())
                        && "new topic".equals(j.path("topic").asText()));
        assertThat(api.send("PATCH", api.commandUrl() + "/v1/channels/" + channel, api.token("alice"), "{}")
                        .status())
                .isEqualTo(422);
    }

    @Test
    void profileUpdatesAreAccepted(StackDescription stack) {
        StackFixture api = new StackFixture(stack);
        Response ok = api.send(
                "PUT", api.commandUrl() + "/v1/users/me", api.token("alice"), "{\"displayName\":\"Alice A.\"}");
        assertThat(ok.status()).as(ok.toString()).isEqualTo(202);
        assertThat(ok.json().path("userId").asText()).isEqualTo("alice");
        assertThat(api.send("PUT", api.commandUrl() + "/v1/users/me", api.token("alice"), "{\"displayName\":\"\"}")
                        .status())
                .isEqualTo(422);
    }

    @Test
    void badInputIsA4xxInTheOneErrorShape(StackDescription stack) {
        StackFixture api = new StackFixture(stack);
        String token = api.token("alice");
        Response noToken = api.post("/v1/channels", null, "{\"name\":\"x\",\"kind\":\"public\"}");
        assertThat(noToken.status()).isEqualTo(401);
        assertThat(noToken.code()).isEqualTo("unauthorized");
        assertThat(api.post("/v1/channels", "not-a-jwt", "{}").status()).isEqualTo(401);
        Response malformed = api.post("/v1/channels", token, "{\"name\":");
        assertThat(malformed.status()).isEqualTo(400);
        assertThat(malformed.code()).isEqualTo("invalid_json");
        Response badKind = api.post("/v1/channels", token, "{\"name\":\"x\",\"kind\":\"secret\"}");
        assertThat(badKind.status()).isEqualTo(422);
        assertThat(badKind.json().path("error").path("message").asText()).contains("kind");
        assertThat(api.post("/v1/channels", token, null).status()).isEqualTo(422);
        assertThat(api.post("/v1/channels", token, "[1,2]").status()).isEqualTo(400);
        Response tooBig =
                api.post("/v1/channels", token, "{\"name\":\"" + "x".repeat(70_000) + "\",\"kind\":\"public\"}");
        assertThat(tooBig.status()).isEqualTo(413);
        assertThat(tooBig.code()).isEqualTo("body_too_large");
        Response unknownChannel =
                api.post("/v1/channels/" + StackFixture.id("none") + "/members", token, "{\"userIds\":[\"a\"]}");
        assertThat(unknownChannel.status()).isEqualTo(404);
        assertThat(unknownChannel.code()).isEqualTo("channel_not_found");
        assertThat(api.post("/v1/channels/bad.id/members", token, "{\"userIds\":[\"a\"]}")
                        .status())
                .isEqualTo(422);
        assertThat(api.send("GET", api.commandUrl() + "/v1/nowhere", token, null)
                        .status())
                .isEqualTo(404);
    }

    /**
     * A refused request keeps its connection: Jetty closes, unannounced, a connection whose request body was left
     * unread, and a pooled client then sends its next request into a closed socket.
     * The body comes 20 ms after the headers, as it may from any client; 401 and 404 answers never read it.
     */
    @Test
    void aRefusedRequestWithABodyKeepsItsConnection(StackDescription stack) throws Exception {
        StackFixture api = new StackFixture(stack);
        try (KeepAliveProbe connection = new KeepAliveProbe(api.commandUrl())) {
            assertThat(connection.post("/v1/channels", "{\"name\":\"x\",\"kind\":\"public\"}", 20))
                    .isEqualTo(401);
            assertThat(connection.get("/v1/nowhere"))
                    .as("answered on the same connection")
                    .isEqualTo(404);
            assertThat(connection.post("/v1/nowhere", "{\"a\":1}", 20)).isEqualTo(404);
            assertThat(connection.get("/v1/nowhere"))
                    .as("answered on the same connection")
                    .isEqualTo(404);
        }
    }

    @Test
    void bothServicesServeTheirOpenApiDocument(StackDescription stack) {
        StackFixture api = new StackFixture(stack);
        Response command = api.send("GET", api.commandUrl() + "/openapi.json", null, null);
        Response query = api.send("GET", api.queryUrl() + "/openapi.json", null, null);
        assertThat(command.status()).isEqualTo(200);
        assertThat(command.json().path("paths").has("/v1/channels/{channelId}/messages"))
                .isTrue();
        assertThat(query.json().path("paths").has("/v1/users/me/channels")).isTrue();
    }
}
