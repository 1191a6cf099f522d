package io.chorus.it.write;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import io.chorus.harness.Poll;
import io.chorus.harness.client.Response;
import io.chorus.harness.stack.LocalStackExtension;
import io.chorus.harness.stack.StackDescription;
import io.chorus.it.StackFixture;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** {@code POST /v1/admin/import}: seeds through the event path; admins only; a bad line changes nothing. */
@ExtendWith(LocalStackExtension.class)
class BulkImportIT {
    private static final String NDJSON = "application/x-ndjson";

    @Test
    void importedMembershipsReachPermissionsAndQueries(StackDescription stack) {
        StackFixture api = new StackFixture(stack);
        String channel = StackFixture.id("imported");
        StringBuilder body = new StringBuilder();
        body.append("{\"type\":\"user\",\"id\":\"seed-owner\",\"displayName\":\"Seed Owner\"}\n");
        body.append("{\"type\":\"channel\",\"id\":\"")
                .append(channel)
                .append("\",\"name\":\"Imported\",\"kind\":\"private\",\"createdBy\":\"seed-owner\"}\n");
        for (int i = 0; i < 2_500; i++) {
            body.append("{\"type\":\"membership\",\"channelId\":\"")
                    .append(channel)
                    .append("\",\"userId\":\"m")
                    .append(i)
                    .append("\"}\n");
        }
        Response answer = api.send(
                "POST", api.commandUrl() + "/v1/admin/import", api.adminToken("root"), body.toString(), NDJSON, null);
        assertThat(answer.status()).as(answer.toString()).isEqualTo(202);
        assertThat(answer.json().path("memberships").asLong()).isEqualTo(2_500);
        assertThat(answer.json().path("events").asLong())
                .isEqualTo(1 + 1 + 2); // user, channel with 1,000 members folded, 1,500 in 2 batches

        api.awaitChannel(channel, "root", 2_501);
        Poll.until(
                Duration.ofSeconds(10),
                () -> api.sendMessage("m2499", channel, "hello", "imported"),
                a -> a.status() == 202);
        assertThat(api.get("/v1/users/me/channels", api.token("m17"))
                        .json()
                        .path("items")
                        .get(0)
                        .path("channelId")
                        .asText())
                .isEqualTo(channel);
    }

    /**
     * Users travel in {@code users.imported} events of up to 1,000 (decision 0060): every user lands with its name,
     * the events keep the order of the lines, and the same import posted again (a client's retry) changes nothing.
     */
    @Test
    void importedUsersLandInBatchesAndARetryChangesNothing(StackDescription stack) {
        StackFixture api = new StackFixture(stack);
        String prefix = StackFixture.id("iu");
        String channel = StackFixture.id("users");
        StringBuilder body = new StringBuilder();
        for (int i = 0; i < 2_500; i++) {
            body.append("{\"type\":\"user\",\"id\":\"")
                    .append(prefix)
                    .append('-')
                    .append(i)
                    .append("\",\"displayName\":\"User ")
                    .append(i)
                    .append("\"}\n");
        }
        // the same user again further down: its last line's name wins, as one event per line would leave it
        body.append("{\"type\":\"user\",\"id\":\"").append(prefix).append("-7\",\"displayName\":\"Seven\"}\n");
        body.append("{\"type\":\"channel\",\"id\":\"")
                .append(channel)
                .append("\",\"name\":\"U\",\"kind\":\"private\"," + "\"createdBy\":\"")
                .append(prefix)
                .append("-0\"}\n");
        body.append("{\"type\":\"membership\",\"channelId\":\"")
                .append(channel)
                .append("\",\"userId\":\"")
                .append(prefix)
                .append("-1\"}\n");
        Response answer = api.send(
                "POST", api.commandUrl() + "/v1/admin/import", api.adminToken("root"), body.toString(), NDJSON, null);
        assertThat(answer.status()).as(answer.toString()).isEqualTo(202);
        assertThat(answer.json().path("users").asLong()).isEqualTo(2_501);
        assertThat(answer.json().path("events").asLong())
                .isEqualTo(3 + 1); // users in 3 events, channel with its member folded
        api.awaitChannel(channel, "root", 2);

        try (MongoClient mongo = MongoClients.create(stack.mongo().uri())) {
            MongoCollection<Document> users = mongo.getDatabase("chorus").getCollection("users");
            // the channel was created after the users (one META order): every user is there once it is
            Map<String, Document> stored = usersOf(users, prefix);
            assertThat(stored).hasSize(2_500);
            for (int i = 0; i < 2_500; i++) {
                assertThat(stored.get(prefix + "-" + i).getString("displayName"))
                        .isEqualTo(i == 7 ? "Seven" : "User " + i);
            }
            Date firstWrite = stored.get(prefix + "-42").getDate("updatedAt");

            Response retry = api.send(
                    "POST",
                    api.commandUrl() + "/v1/admin/import",
                    api.adminToken("root"),
                    body.toString(),
                    NDJSON,
                    null);
            assertThat(retry.status()).as(retry.toString()).isEqualTo(202);
            // a later import applied shows the retry's events were handled before it (META is one ordered stream)
            String probe = prefix + "-probe";
            assertThat(api.send(
                                    "POST",
                                    api.commandUrl() + "/v1/admin/import",
                                    api.adminToken("root"),
                                    "{\"type\":\"user\",\"id\":\"" + probe + "\",\"displayName\":\"Probe\"}\n",
                                    NDJSON,
                                    null)
                            .status())
                    .isEqualTo(202);
            Poll.until(
                    Duration.ofSeconds(60),
                    () -> users.find(Filters.eq("_id", probe)).first(),
                    d -> d != null);
            // the retry's events had the same Nats-Msg-Ids, so none was stored again: no user was written twice
            Map<String, Document> after = usersOf(users, prefix);
            assertThat(after).hasSize(2_501);
            assertThat(after.get(prefix + "-42").getDate("updatedAt")).isEqualTo(firstWrite);
            assertThat(after.get(prefix + "-7").getString("displayName")).isEqualTo("Seven");
        }
        assertThat(api.get("/v1/channels/" + channel, api.token(prefix + "-1"))
                        .json()
                        .path("memberCount")
                        .asLong())
                .isEqualTo(2);
    }

    /**
     * Member lines that directly follow their channel's line travel inside its {@code channel.created} (decision
     * 0080): one event per channel, every member permitted and listed, the owner still owner; the same file posted
     * again changes nothing; the same channel with one more folded member is another event (its key digests the
     * members), so the new member is not dropped as a duplicate.
     */
    @Test
    void foldedMembersArePermittedListedAndARetryChangesNothing(StackDescription stack) {
        StackFixture api = new StackFixture(stack);
        String prefix = StackFixture.id("fold");
        List<String> channels = new ArrayList<>();
        StringBuilder body = new StringBuilder();
        for (int c = 0; c < 20; c++) {
            String channel = prefix + "-c" + c;
            channels.add(channel);
            body.append(ImportLines.channel(channel, prefix + "-owner"));
            for (int m = 0; m < 3; m++) {
                body.append(ImportLines.membership(channel, prefix + "-u" + (c + m)));
            }
        }
        Response answer = api.send(
                "POST", api.commandUrl() + "/v1/admin/import", api.adminToken("root"), body.toString(), NDJSON, null);
        assertThat(answer.status()).as(answer.toString()).isEqualTo(202);
        assertThat(answer.json().path("memberships").asLong()).isEqualTo(60);
        assertThat(answer.json().path("events").asLong()).isEqualTo(20); // one channel.created each, members folded

        for (int c = 0; c < channels.size(); c++) {
            String channel = channels.get(c);
            api.awaitChannel(channel, "root", 4);
            assertThat(membersOf(api, channel))
                    .containsExactlyInAnyOrderEntriesOf(Map.of(
                            prefix + "-owner",
                            "owner",
                            prefix + "-u" + c,
                            "member",
                            prefix + "-u" + (c + 1),
                            "member",
                            prefix + "-u" + (c + 2),
                            "member"));
            for (int m = 0; m < 3; m++) {
                String user = prefix + "-u" + (c + m);
                Poll.until(
                        Duration.ofSeconds(10),
                        () -> api.sendMessage(user, channel, "hi-" + user, "folded"),
                        a -> a.status() == 202);
            }
        }
        assertThat(api.sendMessage(prefix + "-stranger", channels.get(0), "no", "not a member")
                        .status())
                .isEqualTo(403);

        try (MongoClient mongo = MongoClients.create(stack.mongo().uri())) {
            MongoCollection<Document> memberships = mongo.getDatabase("chorus").getCollection("memberships");
            Map<String, Date> joined = joinedAt(memberships, prefix);
            assertThat(joined).hasSize(80);

            Response retry = api.send(
                    "POST",
                    api.commandUrl() + "/v1/admin/import",
                    api.adminToken("root"),
                    body.toString(),
                    NDJSON,
                    null);
            assertThat(retry.status()).as(retry.toString()).isEqualTo(202);
            // the same channel with one more folded member: another key, so it is applied, after the retry (META order)
            String first = channels.get(0);
            String newcomer = prefix + "-newcomer";
            String grown = ImportLines.channel(first, prefix + "-owner")
                    + ImportLines.membership(first, prefix + "-u0")
                    + ImportLines.membership(first, prefix + "-u1")
                    + ImportLines.membership(first, prefix + "-u2")
                    + ImportLines.membership(first, newcomer);
            Response more = api.send(
                    "POST", api.commandUrl() + "/v1/admin/import", api.adminToken("root"), grown, NDJSON, null);
            assertThat(more.status()).as(more.toString()).isEqualTo(202);
            assertThat(more.json().path("events").asLong()).isEqualTo(1);
            api.awaitChannel(first, "root", 5);
            Poll.until(
                    Duration.ofSeconds(10),
                    () -> api.sendMessage(newcomer, first, "hi-new", "joined"),
                    a -> a.status() == 202);

            // the retry stored nothing again: same memberships, same join times, same counts and roles
            Map<String, Date> after = joinedAt(memberships, prefix);
            assertThat(after).hasSize(81);
            after.remove(first + ":" + newcomer);
            assertThat(after).isEqualTo(joined);
            for (int c = 1; c < channels.size(); c++) {
                assertThat(api.get("/v1/channels/" + channels.get(c), api.adminToken("root"))
                                .json()
                                .path("memberCount")
                                .asLong())
                        .isEqualTo(4);
            }
            assertThat(membersOf(api, first))
                    .containsEntry(prefix + "-owner", "owner")
                    .containsEntry(newcomer, "member")
                    .hasSize(5);
        }
        Set<String> listed = new HashSet<>();
        api.get("/v1/users/me/channels?limit=100", api.token(prefix + "-u2"))
                .json()
                .path("items")
                .forEach(item -> listed.add(item.path("channelId").asText()));
        assertThat(listed).containsExactlyInAnyOrder(channels.get(0), channels.get(1), channels.get(2));
    }

    /** userId -> role, from the Query API's member list. */
    private static Map<String, String> membersOf(StackFixture api, String channel) {
        Map<String, String> roles = new HashMap<>();
        api.get("/v1/channels/" + channel + "/members?limit=100", api.adminToken("root"))
                .json()
                .path("items")
                .forEach(
                        m -> roles.put(m.path("userId").asText(), m.path("role").asText()));
        return roles;
    }

    private static Map<String, Date> joinedAt(MongoCollection<Document> memberships, String prefix) {
        Map<String, Date> byId = new HashMap<>();
        for (Document d : memberships.find(Filters.regex("channelId", "^" + prefix + "-"))) {
            byId.put(d.getString("_id"), d.getDate("joinedAt"));
        }
        return byId;
    }

    private static Map<String, Document> usersOf(MongoCollection<Document> users, String prefix) {
        Map<String, Document> byId = new HashMap<>();
        for (Document d : users.find(Filters.regex("_id", "^" + prefix + "-"))) {
            byId.put(d.getString("_id"), d);
        }
        return byId;
    }

    @Test
    void onlyAdminsImportAndABadLineChangesNothing(StackDescription stack) {
        StackFixture api = new StackFixture(stack);
        String channel = StackFixture.id("never");
        String body = "{\"type\":\"channel\",\"id\":\"" + channel
                + "\",\"name\":\"N\",\"kind\":\"public\",\"createdBy\":\"a\"}\n"
                + "{\"type\":\"membership\",\"channelId\":\"" + channel + "\",\"userId\":\"bad id\"}\n";
        assertThat(api.send("POST", api.commandUrl() + "/v1/admin/import", api.token("alice"), body, NDJSON, null)
                        .status())
                .isEqualTo(403);
        Response bad =
                api.send("POST", api.commandUrl() + "/v1/admin/import", api.adminToken("root"), body, NDJSON, null);
        assertThat(bad.status()).isEqualTo(422);
        assertThat(bad.json().path("error").path("message").asText()).startsWith("line 2:");
        Response notJson = api.send(
                "POST", api.commandUrl() + "/v1/admin/import", api.adminToken("root"), "{oops\n", NDJSON, null);
        assertThat(notJson.status()).isEqualTo(400);
        assertThat(api.send("POST", api.commandUrl() + "/v1/admin/import", api.adminToken("root"), "\n", NDJSON, null)
                        .status())
                .isEqualTo(422);
        // nothing of the refused import was published: the channel does not exist for the command service either
        assertThat(api.post("/v1/channels/" + channel + "/members", api.adminToken("root"), "{\"userIds\":[\"x\"]}")
                        .status())
                .isEqualTo(404);
    }
}
