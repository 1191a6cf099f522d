package io.chorus.it.write;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import io.chorus.harness.stack.LocalStackExtension;
import io.chorus.harness.stack.StackDescription;
import java.time.Duration;
import java.util.Date;
import java.util.HashMap;
import java.util.Map;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** {@code POST /v1/admin/import}: seeds through the event path; admins only; a bad line changes nothing. */
@ExtendWith(LocalStackExtension.class)
class BulkImportIT {
    private static final String NDJSON = "application/x-ndjson";

    @Test
    void importedMembershipsReachPermissionsAndQueries(StackDescription stack) {
        Api api = new Api(stack);
        String channel = Api.id("imported");
        StringBuilder body = new StringBuilder();
        body.append("{\"type\":\"user\",\"id\":\"seed-owner\",\"displayName\":\"Seed Owner\"}\n");
        body.append("{\"type\":\"channel\",\"id\":\"").append(channel)
                .append("\",\"name\":\"Imported\",\"kind\":\"private\",\"createdBy\":\"seed-owner\"}\n");
        for (int i = 0; i < 2_500; i++) {
            body.append("{\"type\":\"membership\",\"channelId\":\"").append(channel)
                    .append("\",\"userId\":\"m").append(i).append("\"}\n");
        }
        Api.Answer answer = api.send("POST", api.command + "/v1/admin/import", api.adminToken("root"), body.toString(),
                NDJSON, null);
        assertThat(answer.status()).as(answer.toString()).isEqualTo(202);
        assertThat(answer.json().path("memberships").asLong()).isEqualTo(2_500);
        assertThat(answer.json().path("events").asLong()).isEqualTo(1 + 1 + 3); // user, channel, 3 batches of <= 1000

        api.awaitChannel(channel, "root", 2_501);
        Api.eventually(Duration.ofSeconds(10), () -> api.sendMessage("m2499", channel, "hello", "imported"),
                a -> a.status() == 202);
        assertThat(api.get("/v1/users/me/channels", api.token("m17")).json().path("items").get(0)
                .path("channelId").asText()).isEqualTo(channel);
    }

    /**
     * Users travel in {@code users.imported} events of up to 1,000 (decision 0060): every user lands with its name,
     * the events keep the order of the lines, and the same import posted again (a client's retry) changes nothing.
     */
    @Test
    void importedUsersLandInBatchesAndARetryChangesNothing(StackDescription stack) {
        Api api = new Api(stack);
        String prefix = Api.id("iu");
        String channel = Api.id("users");
        StringBuilder body = new StringBuilder();
        for (int i = 0; i < 2_500; i++) {
            body.append("{\"type\":\"user\",\"id\":\"").append(prefix).append('-').append(i)
                    .append("\",\"displayName\":\"User ").append(i).append("\"}\n");
        }
        // the same user again further down: its last line's name wins, as one event per line would leave it
        body.append("{\"type\":\"user\",\"id\":\"").append(prefix).append("-7\",\"displayName\":\"Seven\"}\n");
        body.append("{\"type\":\"channel\",\"id\":\"").append(channel).append("\",\"name\":\"U\",\"kind\":\"private\","
                + "\"createdBy\":\"").append(prefix).append("-0\"}\n");
        body.append("{\"type\":\"membership\",\"channelId\":\"").append(channel).append("\",\"userId\":\"")
                .append(prefix).append("-1\"}\n");
        Api.Answer answer = api.send("POST", api.command + "/v1/admin/import", api.adminToken("root"), body.toString(),
                NDJSON, null);
        assertThat(answer.status()).as(answer.toString()).isEqualTo(202);
        assertThat(answer.json().path("users").asLong()).isEqualTo(2_501);
        assertThat(answer.json().path("events").asLong()).isEqualTo(3 + 1 + 1); // users in 3 events, channel, members
        api.awaitChannel(channel, "root", 2);

        try (MongoClient mongo = MongoClients.create(stack.mongo().uri())) {
            MongoCollection<Document> users = mongo.getDatabase("chorus").getCollection("users");
            // the channel was created after the users (one META order): every user is there once it is
            Map<String, Document> stored = usersOf(users, prefix);
            assertThat(stored).hasSize(2_500);
            for (int i = 0; i < 2_500; i++) {
                assertThat(stored.get(prefix + "-" + i).getString("displayName")).isEqualTo(i == 7 ? "Seven" : "User " + i);
            }
            Date firstWrite = stored.get(prefix + "-42").getDate("updatedAt");

            Api.Answer retry = api.send("POST", api.command + "/v1/admin/import", api.adminToken("root"),
                    body.toString(), NDJSON, null);
            assertThat(retry.status()).as(retry.toString()).isEqualTo(202);
            // a later import applied shows the retry's events were handled before it (META is one ordered stream)
            String probe = prefix + "-probe";
            assertThat(api.send("POST", api.command + "/v1/admin/import", api.adminToken("root"),
                    "{\"type\":\"user\",\"id\":\"" + probe + "\",\"displayName\":\"Probe\"}\n", NDJSON, null)
                    .status()).isEqualTo(202);
            Api.eventually(Duration.ofSeconds(60), () -> users.find(Filters.eq("_id", probe)).first(), d -> d != null);
            // the retry's events had the same Nats-Msg-Ids, so none was stored again: no user was written twice
            Map<String, Document> after = usersOf(users, prefix);
            assertThat(after).hasSize(2_501);
            assertThat(after.get(prefix + "-42").getDate("updatedAt")).isEqualTo(firstWrite);
            assertThat(after.get(prefix + "-7").getString("displayName")).isEqualTo("Seven");
        }
        assertThat(api.get("/v1/channels/" + channel, api.token(prefix + "-1")).json().path("memberCount").asLong())
                .isEqualTo(2);
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
        Api api = new Api(stack);
        String channel = Api.id("never");
        String body = "{\"type\":\"channel\",\"id\":\"" + channel + "\",\"name\":\"N\",\"kind\":\"public\",\"createdBy\":\"a\"}\n"
                + "{\"type\":\"membership\",\"channelId\":\"" + channel + "\",\"userId\":\"bad id\"}\n";
        assertThat(api.send("POST", api.command + "/v1/admin/import", api.token("alice"), body, NDJSON, null).status())
                .isEqualTo(403);
        Api.Answer bad = api.send("POST", api.command + "/v1/admin/import", api.adminToken("root"), body, NDJSON, null);
        assertThat(bad.status()).isEqualTo(422);
        assertThat(bad.json().path("error").path("message").asText()).startsWith("line 2:");
        Api.Answer notJson = api.send("POST", api.command + "/v1/admin/import", api.adminToken("root"), "{oops\n",
                NDJSON, null);
        assertThat(notJson.status()).isEqualTo(400);
        assertThat(api.send("POST", api.command + "/v1/admin/import", api.adminToken("root"), "\n", NDJSON, null).status())
                .isEqualTo(422);
        // nothing of the refused import was published: the channel does not exist for the command service either
        assertThat(api.post("/v1/channels/" + channel + "/members", api.adminToken("root"), "{\"userIds\":[\"x\"]}")
                .status()).isEqualTo(404);
    }
}
