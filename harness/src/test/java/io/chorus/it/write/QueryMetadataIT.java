package io.chorus.it.write;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.chorus.common.paging.PageBuckets;
import io.chorus.harness.Poll;
import io.chorus.harness.client.Response;
import io.chorus.harness.stack.LocalStackExtension;
import io.chorus.harness.stack.StackDescription;
import io.chorus.it.StackFixture;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The metadata endpoints of the Query Service: visibility and cursor paging. */
@ExtendWith(LocalStackExtension.class)
class QueryMetadataIT {
    @Test
    void membersArePagedInBucketOrderWithoutGapsOrRepeats(StackDescription stack) {
        StackFixture api = new StackFixture(stack);
        String channel = StackFixture.id("paged");
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
            Response page = api.get(
                    "/v1/channels/" + channel + "/members?limit=10" + (cursor == null ? "" : "&cursor=" + cursor),
                    api.token("user05"));
            assertThat(page.status()).as(page.toString()).isEqualTo(200);
            page.json().path("items").forEach(m -> seen.add(m.path("userId").asText()));
            cursor = page.json().path("nextCursor").asText(null);
            pages++;
        } while (cursor != null);
        assertThat(pages).isEqualTo(3);
        List<String> expected = new ArrayList<>(members);
        expected.add("owner0");
        expected.sort(PageBuckets.ORDER);
        assertThat(seen).containsExactlyElementsOf(expected);
    }

    @Test
    void myChannelsArePagedAndOnlyMine(StackDescription stack) {
        StackFixture api = new StackFixture(stack);
        String me = StackFixture.id("me");
        List<String> mine = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            String channel = StackFixture.id("mine" + i);
            mine.add(channel);
            api.createChannel(me, channel, i % 2 == 0 ? "public" : "private");
        }
        String notMine = StackFixture.id("other");
        api.createChannel("someone", notMine, "public");
        mine.forEach(c -> api.awaitChannel(c, me, 1));
        List<String> seen = new ArrayList<>();
        String cursor = null;
        do {
            JsonNode page = api.get(
                            "/v1/users/me/channels?limit=3" + (cursor == null ? "" : "&cursor=" + cursor),
                            api.token(me))
                    .json();
            page.path("items").forEach(c -> {
                seen.add(c.path("channelId").asText());
                assertThat(c.path("role").asText()).isEqualTo("owner");
                assertThat(c.path("name").asText()).isNotBlank();
            });
            cursor = page.path("nextCursor").asText(null);
        } while (cursor != null);
        mine.sort(PageBuckets.ORDER);
        assertThat(seen).containsExactlyElementsOf(mine);
    }

    /**
     * A channel of 8,000 members and a user in 8,000 channels are walked bucket by bucket (decision 0081): their
     * cursors say so, and every member and channel comes once, in bucket order, across pages of 1,000. (With ids
     * drawn afresh each run, the first page's four sample buckets hold about 31 rows: the chance of fewer than the 8
     * that mark a large owner is about one in ten million.)
     */
    @Test
    void largeChannelsAndBusyUsersArePagedBucketByBucket(StackDescription stack) {
        StackFixture api = new StackFixture(stack);
        String big = StackFixture.id("crowd");
        String busy = StackFixture.id("busy");
        StringBuilder body = new StringBuilder();
        body.append(ImportLines.channel(big, "crowd-owner"));
        List<String> members = new ArrayList<>(List.of("crowd-owner"));
        List<String> channels = new ArrayList<>();
        for (int i = 0; i < 7_999; i++) {
            members.add(big + "-m" + i);
            body.append(ImportLines.membership(big, big + "-m" + i));
        }
        for (int i = 0; i < 8_000; i++) {
            channels.add(busy + "-c" + i);
            body.append(ImportLines.channel(busy + "-c" + i, busy));
        }
        Response imported = api.send(
                "POST",
                api.commandUrl() + "/v1/admin/import",
                api.adminToken("root"),
                body.toString(),
                "application/x-ndjson",
                null);
        assertThat(imported.status()).as(imported.toString()).isEqualTo(202);
        // META is applied in order: the last channel stored means every line before it is (generous under CI load)
        String last = channels.get(channels.size() - 1);
        Poll.until(
                Duration.ofMinutes(2), () -> api.get("/v1/channels/" + last, api.token(busy)), a -> a.status() == 200);
        assertThat(api.get("/v1/channels/" + big, api.token("crowd-owner"))
                        .json()
                        .path("memberCount")
                        .asLong())
                .isEqualTo(8_000);

        members.sort(PageBuckets.ORDER);
        assertThat(walk(api, "/v1/channels/" + big + "/members?limit=1000", api.token("crowd-owner"), "userId"))
                .containsExactlyElementsOf(members);
        channels.sort(PageBuckets.ORDER);
        assertThat(walk(api, "/v1/users/me/channels?limit=1000", api.token(busy), "channelId"))
                .containsExactlyElementsOf(channels);
    }

    /** Every page's {@code field} values, asserting that each cursor handed out continues a bucket walk. */
    private static List<String> walk(StackFixture api, String path, String token, String field) {
        List<String> seen = new ArrayList<>();
        String cursor = null;
        do {
            Response page = api.get(path + (cursor == null ? "" : "&cursor=" + cursor), token);
            assertThat(page.status()).as(page.toString()).isEqualTo(200);
            page.json().path("items").forEach(item -> seen.add(item.path(field).asText()));
            cursor = page.json().path("nextCursor").asText(null);
            if (cursor != null) {
                // a cursor is <text>.<signature> (decision 0110): the text says how the walk goes on
                String text = cursor.substring(0, cursor.indexOf('.'));
                assertThat(new String(Base64.getUrlDecoder().decode(text), StandardCharsets.UTF_8))
                        .startsWith("v2:buckets:");
            }
        } while (cursor != null);
        return seen;
    }

    @Test
    void privateChannelsAreVisibleToMembersOnly(StackDescription stack) {
        StackFixture api = new StackFixture(stack);
        String secret = StackFixture.id("secret");
        String open = StackFixture.id("open");
        api.createChannel("alice", secret, "private", "bob");
        api.createChannel("alice", open, "public");
        api.awaitChannel(secret, "alice", 2);
        api.awaitChannel(open, "alice", 1);
        assertThat(api.get("/v1/channels/" + secret, api.token("bob")).status()).isEqualTo(200);
        Response stranger = api.get("/v1/channels/" + secret, api.token("mallory"));
        assertThat(stranger.status()).isEqualTo(403);
        assertThat(stranger.code()).isEqualTo("not_a_member");
        assertThat(api.get("/v1/channels/" + secret + "/members", api.token("mallory"))
                        .status())
                .isEqualTo(403);
        assertThat(api.get("/v1/channels/" + open, api.token("mallory")).status())
                .isEqualTo(200);
        assertThat(api.get("/v1/channels/" + open + "/members", api.token("mallory"))
                        .status())
                .isEqualTo(200);
        assertThat(api.get("/v1/channels/" + secret, api.adminToken("root")).status())
                .isEqualTo(200);
    }

    @Test
    void badReadsAre4xx(StackDescription stack) {
        StackFixture api = new StackFixture(stack);
        String token = api.token("alice");
        assertThat(api.get("/v1/channels/" + StackFixture.id("missing"), token).status())
                .isEqualTo(404);
        assertThat(api.get("/v1/users/me/channels", null).status()).isEqualTo(401);
        Response badCursor = api.get("/v1/users/me/channels?cursor=%21%21garbage", token);
        assertThat(badCursor.status()).isEqualTo(400);
        assertThat(badCursor.code()).isEqualTo("invalid_cursor");
        assertThat(api.get("/v1/users/me/channels?limit=0", token).status()).isEqualTo(422);
        assertThat(api.get("/v1/users/me/channels?limit=abc", token).status()).isIn(400, 404);
        assertThat(api.get("/v1/channels/bad.id", token).status()).isEqualTo(422);
    }
}
