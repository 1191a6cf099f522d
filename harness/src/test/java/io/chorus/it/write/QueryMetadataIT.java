package io.chorus.it.write;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.chorus.harness.stack.LocalStackExtension;
import io.chorus.harness.stack.StackDescription;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The metadata endpoints of the Query Service: visibility and cursor paging. */
@ExtendWith(LocalStackExtension.class)
class QueryMetadataIT {
    @Test
    void membersArePagedInUserIdOrderWithoutGapsOrRepeats(StackDescription stack) {
        Api api = new Api(stack);
        String channel = Api.id("paged");
        List<String> members = new ArrayList<>();
        for (int i = 0; i < 24; i++) {
            members.add(String.format("user%02d", i));
        }
        api.createChannel("owner0", channel, "private", members.toArray(String[]::new));
        api.awaitChannel(channel, "owner0", 25);

        List<String> seen = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            Api.Answer page = api.get("/v1/channels/" + channel + "/members?limit=10"
                    + (cursor == null ? "" : "&cursor=" + cursor), api.token("user05"));
            assertThat(page.status()).as(page.toString()).isEqualTo(200);
            page.json().path("items").forEach(m -> seen.add(m.path("userId").asText()));
            cursor = page.json().path("nextCursor").asText(null);
            pages++;
        } while (cursor != null);
        assertThat(pages).isEqualTo(3);
        List<String> expected = new ArrayList<>(members);
        expected.add("owner0");
        expected.sort(String::compareTo);
        assertThat(seen).containsExactlyElementsOf(expected);
    }

    @Test
    void myChannelsArePagedAndOnlyMine(StackDescription stack) {
        Api api = new Api(stack);
        String me = Api.id("me");
        List<String> mine = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            String channel = Api.id("mine" + i);
            mine.add(channel);
            api.createChannel(me, channel, i % 2 == 0 ? "public" : "private");
        }
        String notMine = Api.id("other");
        api.createChannel("someone", notMine, "public");
        mine.forEach(c -> api.awaitChannel(c, me, 1));
        List<String> seen = new ArrayList<>();
        String cursor = null;
        do {
            JsonNode page = api.get("/v1/users/me/channels?limit=3" + (cursor == null ? "" : "&cursor=" + cursor),
                    api.token(me)).json();
            page.path("items").forEach(c -> {
                seen.add(c.path("channelId").asText());
                assertThat(c.path("role").asText()).isEqualTo("owner");
                assertThat(c.path("name").asText()).isNotBlank();
            });
            cursor = page.path("nextCursor").asText(null);
        } while (cursor != null);
        mine.sort(String::compareTo);
        assertThat(seen).containsExactlyElementsOf(mine);
    }

    @Test
    void privateChannelsAreVisibleToMembersOnly(StackDescription stack) {
        Api api = new Api(stack);
        String secret = Api.id("secret");
        String open = Api.id("open");
        api.createChannel("alice", secret, "private", "bob");
        api.createChannel("alice", open, "public");
        api.awaitChannel(secret, "alice", 2);
        api.awaitChannel(open, "alice", 1);
        assertThat(api.get("/v1/channels/" + secret, api.token("bob")).status()).isEqualTo(200);
        Api.Answer stranger = api.get("/v1/channels/" + secret, api.token("mallory"));
        assertThat(stranger.status()).isEqualTo(403);
        assertThat(stranger.code()).isEqualTo("not_a_member");
        assertThat(api.get("/v1/channels/" + secret + "/members", api.token("mallory")).status()).isEqualTo(403);
        assertThat(api.get("/v1/channels/" + open, api.token("mallory")).status()).isEqualTo(200);
        assertThat(api.get("/v1/channels/" + open + "/members", api.token("mallory")).status()).isEqualTo(200);
        assertThat(api.get("/v1/channels/" + secret, api.adminToken("root")).status()).isEqualTo(200);
    }

    @Test
    void badReadsAre4xx(StackDescription stack) {
        Api api = new Api(stack);
        String token = api.token("alice");
        assertThat(api.get("/v1/channels/" + Api.id("missing"), token).status()).isEqualTo(404);
        assertThat(api.get("/v1/users/me/channels", null).status()).isEqualTo(401);
        Api.Answer badCursor = api.get("/v1/users/me/channels?cursor=%21%21garbage", token);
        assertThat(badCursor.status()).isEqualTo(400);
        assertThat(badCursor.code()).isEqualTo("invalid_cursor");
        assertThat(api.get("/v1/users/me/channels?limit=0", token).status()).isEqualTo(422);
        assertThat(api.get("/v1/users/me/channels?limit=abc", token).status()).isIn(400, 404);
        assertThat(api.get("/v1/channels/bad.id", token).status()).isEqualTo(422);
    }
}
