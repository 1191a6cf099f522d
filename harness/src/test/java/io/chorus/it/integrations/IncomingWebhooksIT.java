package io.chorus.it.integrations;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.chorus.harness.Poll;
import io.chorus.harness.client.HistoryMessage;
import io.chorus.harness.client.HistoryQuery;
import io.chorus.harness.client.Response;
import io.chorus.harness.stack.LocalStackExtension;
import io.chorus.harness.stack.StackDescription;
import io.chorus.it.StackFixture;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Incoming webhooks (decision 0216) against the local stack: created by an owner, posted to without a token. */
@ExtendWith(LocalStackExtension.class)
class IncomingWebhooksIT {
    private static final Duration WAIT = Duration.ofSeconds(15);

    private static String channelOwnedBy(StackFixture api, String owner, String member) {
        String channel = StackFixture.id("ch");
        Response created = api.createChannel(owner, channel, "private", member);
        assertThat(created.status()).as(created.toString()).isEqualTo(202);
        Poll.until("owner in the permissions bucket", WAIT, () -> "owner".equals(api.kvRole(channel, owner)));
        return channel;
    }

    private static Response post(StackFixture api, String path, String body) {
        return api.send("POST", api.commandUrl() + path, null, body);
    }

    @Test
    void aHookPostsIntoItsChannelOnceAndIsGoneWhenDeleted(StackDescription stack) {
        StackFixture api = new StackFixture(stack);
        String owner = StackFixture.id("u");
        String member = StackFixture.id("u");
        String channel = channelOwnedBy(api, owner, member);
        String hooks = "/v1/channels/" + channel + "/incoming-webhooks";

        Response byMember = api.post(hooks, api.token(member), "{\"name\":\"ci\"}");
        assertThat(byMember.status()).as(byMember.toString()).isEqualTo(403);

        Response created = api.post(hooks, api.token(owner), "{\"name\":\"ci\"}");
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        String hookId = created.json().path("hookId").asText();
        String secret = created.json().path("secret").asText();
        String url = created.json().path("url").asText();
        assertThat(url).isEqualTo("/v1/hooks/" + hookId + "/" + secret);

        Response first = post(api, url, "{\"text\":\"deploy finished\",\"clientMsgId\":\"build-7\"}");
        assertThat(first.status()).as(first.toString()).isEqualTo(202);
        Response retry = post(api, url, "{\"text\":\"deploy finished\",\"clientMsgId\":\"build-7\"}");
        assertThat(retry.status()).as(retry.toString()).isEqualTo(202);
        assertThat(retry.json().path("duplicate").asBoolean()).isTrue();
        assertThat(retry.json().path("messageId").asText())
                .isEqualTo(first.json().path("messageId").asText());

        List<HistoryMessage> seen = Poll.until(
                WAIT,
                () -> api.client()
                        .history(api.token(member), channel, HistoryQuery.newest(10))
                        .messages(),
                messages -> !messages.isEmpty());
        assertThat(seen).singleElement().satisfies(m -> {
            assertThat(m.authorId()).isEqualTo("hook_" + hookId);
            assertThat(m.text()).isEqualTo("deploy finished");
        });

        JsonNode listed = api.send("GET", api.commandUrl() + hooks, api.token(owner), null)
                .json()
                .path("incomingWebhooks");
        assertThat(listed).hasSize(1);
        assertThat(listed.get(0).path("hookId").asText()).isEqualTo(hookId);
        assertThat(listed.get(0).path("secret").isTextual())
                .as("no secret in a listing")
                .isFalse();
        assertThat(listed.get(0).toString()).doesNotContain(secret);

        Response deleted = api.send("DELETE", api.commandUrl() + hooks + "/" + hookId, api.token(owner), null);
        assertThat(deleted.status()).as(deleted.toString()).isEqualTo(204);
        Response afterDelete = post(api, url, "{\"text\":\"too late\"}");
        assertThat(afterDelete.status()).as(afterDelete.toString()).isEqualTo(404);
    }

    @Test
    void wrongSecretsBadBodiesAndFloodsAreRefusedWithJsonErrors(StackDescription stack) {
        StackFixture api = new StackFixture(stack);
        String owner = StackFixture.id("u");
        String channel = channelOwnedBy(api, owner, StackFixture.id("u"));
        Response created =
                api.post("/v1/channels/" + channel + "/incoming-webhooks", api.token(owner), "{\"name\":\"alerts\"}");
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        String hookId = created.json().path("hookId").asText();
        String secret = created.json().path("secret").asText();
        String url = created.json().path("url").asText();

        Response wrongSecret = post(api, "/v1/hooks/" + hookId + "/" + secret.substring(1) + "x", "{\"text\":\"x\"}");
        Response unknownHook = post(api, "/v1/hooks/0000000000/" + secret, "{\"text\":\"x\"}");
        assertThat(List.of(wrongSecret, unknownHook)).allSatisfy(r -> {
            assertThat(r.status()).as(r.toString()).isEqualTo(404);
            assertThat(r.code()).isEqualTo("not_found");
        });
        Response emptyText = post(api, url, "{\"text\":\"\"}");
        assertThat(emptyText.status()).as(emptyText.toString()).isEqualTo(422);
        assertThat(emptyText.isJsonError()).isTrue();
        Response badKey = post(api, url, "{\"text\":\"x\",\"clientMsgId\":\"a b\"}");
        assertThat(badKey.status()).as(badKey.toString()).isEqualTo(422);

        // the default rate is 5 a second with a burst of 20: posts faster than that meet a 429 within 20 or so
        int limited = 0;
        int posted = 0;
        while (limited == 0 && posted < 300) {
            Response r = post(api, url, "{\"text\":\"flood " + posted + "\",\"clientMsgId\":\"f" + posted + "\"}");
            posted++;
            assertThat(r.status()).as(r.toString()).isIn(202, 429);
            if (r.status() == 429) {
                limited++;
                assertThat(r.retryAfter()).isPresent();
                assertThat(r.code()).isEqualTo("rate_limited");
            }
        }
        assertThat(limited).as("posts refused by the hook's rate").isPositive();
    }
}
