package io.chorus.it.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.chorus.harness.client.Response;
import io.chorus.harness.stack.LocalStackExtension;
import io.chorus.harness.stack.StackDescription;
import io.chorus.it.StackFixture;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Page cursors of the metadata endpoints are signed and bound to the list they page: a cursor the client wrote
 * itself (such as {@code v2:all:<id>}, which once made the query service read a whole channel's memberships into
 * memory), an altered one, or one handed out for another list is a 400 {@code invalid_cursor}, and nothing is read.
 */
@ExtendWith(LocalStackExtension.class)
class ForgedCursorIT {
    @Test
    void aCursorWrittenByTheClientIsRefused(StackDescription stack) {
        StackFixture api = new StackFixture(stack);
        String channel = StackFixture.id("forged");
        api.createChannel("owner0", channel, "public", "member1", "member2");
        api.awaitChannel(channel, "owner0", 3);

        for (String text : new String[] {"v2:all:member1", "v2:buckets:member1", "v1:member1"}) {
            Response page = api.get("/v1/channels/" + channel + "/members?cursor=" + base64(text), api.token("reader"));
            assertThat(page.status()).as(text + " -> " + page).isEqualTo(400);
            assertThat(page.code()).isEqualTo("invalid_cursor");
            assertThat(page.header("Content-Type"))
                    .hasValueSatisfying(type -> assertThat(type).startsWith("application/json"));
        }
        Response mine = api.get("/v1/users/me/channels?cursor=" + base64("v2:all:" + channel), api.token("owner0"));
        assertThat(mine.status()).as(mine.toString()).isEqualTo(400);
        assertThat(mine.code()).isEqualTo("invalid_cursor");
    }

    @Test
    void aCursorIsGoodOnlyUnchangedAndForTheListThatGaveIt(StackDescription stack) {
        StackFixture api = new StackFixture(stack);
        String small = StackFixture.id("small");
        String other = StackFixture.id("other");
        api.createChannel("owner0", small, "public", "member1", "member2");
        api.createChannel("owner0", other, "public", "member3", "member4");
        api.awaitChannel(small, "owner0", 3);
        api.awaitChannel(other, "owner0", 3);

        Response first = api.get("/v1/channels/" + small + "/members?limit=1", api.token("reader"));
        assertThat(first.status()).as(first.toString()).isEqualTo(200);
        String cursor = first.json().path("nextCursor").asText();
        assertThat(cursor).isNotEmpty();
        Response second = api.get("/v1/channels/" + small + "/members?limit=1&cursor=" + cursor, api.token("reader"));
        assertThat(second.status()).as("the cursor as handed out: " + second).isEqualTo(200);

        Response elsewhere =
                api.get("/v1/channels/" + other + "/members?limit=1&cursor=" + cursor, api.token("reader"));
        assertThat(elsewhere.status())
                .as("another channel's cursor: " + elsewhere)
                .isEqualTo(400);
        assertThat(elsewhere.code()).isEqualTo("invalid_cursor");

        Response asMyChannels = api.get("/v1/users/me/channels?limit=1&cursor=" + cursor, api.token("owner0"));
        assertThat(asMyChannels.status())
                .as("a members cursor on my channels: " + asMyChannels)
                .isEqualTo(400);

        char last = cursor.charAt(cursor.length() - 1);
        String altered = cursor.substring(0, cursor.length() - 1) + (last == 'A' ? 'B' : 'A');
        Response tampered =
                api.get("/v1/channels/" + small + "/members?limit=1&cursor=" + altered, api.token("reader"));
        assertThat(tampered.status()).as("an altered cursor: " + tampered).isEqualTo(400);
        assertThat(tampered.code()).isEqualTo("invalid_cursor");
    }

    private static String base64(String text) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }
}
