package io.chorus.it.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.chorus.harness.Poll;
import io.chorus.harness.client.Response;
import io.chorus.harness.stack.LocalStackExtension;
import io.chorus.harness.stack.StackDescription;
import io.chorus.it.StackFixture;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Invisible and direction-changing characters in names and topics are refused with 422, as control characters
 * are; message text keeps the joiners that emoji sequences and some scripts need, and refuses the rest; a lone
 * UTF-16 surrogate anywhere in a JSON body is a 400. A refused command records nothing.
 */
@ExtendWith(LocalStackExtension.class)
class TextRulesIT {
    @Test
    void formatCharactersInNamesAndTopicsAreRefusedAndNothingIsRecorded(StackDescription stack) {
        StackFixture fixture = new StackFixture(stack);
        String owner = StackFixture.id("u");
        String channel = StackFixture.id("ch");
        for (String name : new String[] {"pay\u202Eroll", "zero\u200Bwidth", "\uFEFFbom", "iso\u2066late\u2069"}) {
            Response refused = create(fixture, owner, channel, json(name), "null");
            assertThat(refused.status()).as(name + ": " + refused).isEqualTo(422);
            assertThat(refused.code()).isEqualTo("invalid_request");
        }
        Response topic = create(fixture, owner, channel, json("plain"), json("see \u200Ehere"));
        assertThat(topic.status()).as(topic.toString()).isEqualTo(422);
        Response profile = fixture.send(
                "PUT",
                stack.services().command().url() + "/v1/users/me",
                fixture.token(owner),
                "{\"displayName\":" + json("A\u2067nn") + "}");
        assertThat(profile.status()).as(profile.toString()).isEqualTo(422);

        // none of the refused creates was recorded: the first valid one is new, not a retry of an earlier one
        Response created = create(fixture, owner, channel, json("plain"), "null");
        assertThat(created.status()).as(created.toString()).isEqualTo(202);
        assertThat(created.json().path("duplicate").asBoolean(false)).isFalse();
    }

    @Test
    void messageTextKeepsEmojiJoinersButRefusesDirectionOverrides(StackDescription stack) {
        StackFixture fixture = new StackFixture(stack);
        String owner = StackFixture.id("u");
        String channel = StackFixture.id("ch");
        assertThat(create(fixture, owner, channel, json("texts"), "null").status())
                .isEqualTo(202);
        String messages = stack.services().command().url() + "/v1/channels/" + channel + "/messages";
        // a ZWJ emoji sequence, a flag of tag characters, and Persian with a zero-width non-joiner
        String joined = "\uD83D\uDC69\u200D\uD83D\uDCBB \uD83C\uDFF4\uDB40\uDC67\uDB40\uDC62\uDB40\uDC73\uDB40\uDC63"
                + "\uDB40\uDC74\uDB40\uDC7F \u0645\u06CC\u200C\u062E\u0648\u0627\u0647\u0645";
        // the channel reaches the permissions bucket asynchronously: the send is accepted once it is there
        Response sent = Poll.until(
                Duration.ofSeconds(30),
                () -> fixture.send(
                        "POST",
                        messages,
                        fixture.token(owner),
                        "{\"clientMsgId\":\"" + StackFixture.id("m") + "\",\"text\":" + json(joined) + "}"),
                a -> a.status() != 403 && a.status() != 404);
        assertThat(sent.status()).as(sent.toString()).isEqualTo(202);

        for (String text : new String[] {"see \u202Egnp.exe", "a\u2066b\u2069", "hidden\u200Bspace", "\u00ADsoft"}) {
            Response refused = fixture.send(
                    "POST",
                    messages,
                    fixture.token(owner),
                    "{\"clientMsgId\":\"" + StackFixture.id("m") + "\",\"text\":" + json(text) + "}");
            assertThat(refused.status()).as(text + ": " + refused).isEqualTo(422);
            assertThat(refused.code()).isEqualTo("invalid_request");
        }
    }

    @Test
    void aLoneSurrogateInAJsonBodyIsA400(StackDescription stack) {
        StackFixture fixture = new StackFixture(stack);
        String owner = StackFixture.id("u");
        String channel = StackFixture.id("ch");
        assertThat(create(fixture, owner, channel, json("surrogates"), "null").status())
                .isEqualTo(202);
        String messages = stack.services().command().url() + "/v1/channels/" + channel + "/messages";
        Poll.until(
                Duration.ofSeconds(30),
                () -> fixture.send(
                        "POST",
                        messages,
                        fixture.token(owner),
                        "{\"clientMsgId\":\"" + StackFixture.id("m") + "\",\"text\":\"ready\"}"),
                a -> a.status() == 202);

        // escaped in the JSON text (the bytes are plain ASCII): a high surrogate alone, a low one alone, one at the end
        for (String escaped : new String[] {"a\\ud800b", "a\\udc00b", "end\\ud83d"}) {
            Response text = fixture.send(
                    "POST",
                    messages,
                    fixture.token(owner),
                    "{\"clientMsgId\":\"" + StackFixture.id("m") + "\",\"text\":\"" + escaped + "\"}");
            assertThat(text.status()).as(escaped + ": " + text).isEqualTo(400);
            assertThat(text.code()).isEqualTo("invalid_json");
        }
        Response name = create(fixture, owner, StackFixture.id("ch"), "\"x\\udfffy\"", "null");
        assertThat(name.status()).as(name.toString()).isEqualTo(400);
        Response profile = fixture.send(
                "PUT",
                stack.services().command().url() + "/v1/users/me",
                fixture.token(owner),
                "{\"displayName\":\"\\ud800\"}");
        assertThat(profile.status()).as(profile.toString()).isEqualTo(400);
        assertThat(profile.isJsonError()).isTrue();
        // a well-formed pair, escaped the same way, is an ordinary character
        Response pair = fixture.send(
                "POST",
                messages,
                fixture.token(owner),
                "{\"clientMsgId\":\"" + StackFixture.id("m") + "\",\"text\":\"ok \\ud83d\\ude00\"}");
        assertThat(pair.status()).as(pair.toString()).isEqualTo(202);
    }

    private static Response create(
            StackFixture fixture, String owner, String channel, String nameJson, String topicJson) {
        return fixture.send(
                "POST",
                fixture.commandUrl() + "/v1/channels",
                fixture.token(owner),
                "{\"channelId\":\"" + channel + "\",\"name\":" + nameJson + ",\"kind\":\"public\",\"topic\":"
                        + topicJson + ",\"members\":[]}");
    }

    /** {@code value} as a JSON string literal (Jackson escapes only what it must; the rest goes as UTF-8). */
    private static String json(String value) {
        try {
            return StackFixture.JSON.writeValueAsString(value);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
