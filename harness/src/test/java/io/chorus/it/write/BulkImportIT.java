package io.chorus.it.write;

import static org.assertj.core.api.Assertions.assertThat;

import io.chorus.harness.stack.LocalStackExtension;
import io.chorus.harness.stack.StackDescription;
import java.time.Duration;
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
