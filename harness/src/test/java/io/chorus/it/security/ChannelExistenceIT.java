package io.chorus.it.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.chorus.common.events.Subjects;
import io.chorus.harness.Poll;
import io.chorus.harness.client.Response;
import io.chorus.harness.stack.LocalStackExtension;
import io.chorus.harness.stack.StackDescription;
import io.chorus.it.StackFixture;
import io.nats.client.PurgeOptions;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Security item 1: a channel exists because the metadata store says so, not because its META history is still
 * retained, and a direct channel's id belongs to its two users only.
 */
@ExtendWith(LocalStackExtension.class)
class ChannelExistenceIT {
    /** The id a direct channel between two users has (the command service's formula). */
    private static String directId(String a, String b) throws Exception {
        String pair = String.join("\n", Stream.of(a, b).sorted().toList());
        return "dm-"
                + HexFormat.of()
                        .formatHex(MessageDigest.getInstance("SHA-256").digest(pair.getBytes(StandardCharsets.UTF_8)))
                        .substring(0, 40);
    }

    /** The 30-day retention of META imitated: the channel's subject purged, as expiry would leave it. */
    private static void expireHistory(StackFixture fixture, String channelId) throws Exception {
        fixture.nats()
                .jetStreamManagement()
                .purgeStream(Subjects.META_STREAM, PurgeOptions.subject(Subjects.channelMeta(channelId)));
    }

    @Test
    void aChannelWhoseHistoryExpiredCannotBeCreatedAgainByAnother(StackDescription stack) throws Exception {
        StackFixture fixture = new StackFixture(stack);
        String channel = StackFixture.id("old");
        String owner = StackFixture.id("owner");
        String member = StackFixture.id("member");
        String squatter = StackFixture.id("squatter");
        assertThat(fixture.createChannel(owner, channel, "private", member).status())
                .isEqualTo(202);
        fixture.awaitChannel(channel, 2);
        expireHistory(fixture, channel);

        Response again = fixture.createChannel(squatter, channel, "public");
        assertThat(again.status()).as(again.toString()).isEqualTo(409);
        assertThat(again.code()).isEqualTo("conflict");
        fixture.awaitWriterPast(channel, owner);
        assertThat(fixture.roles(channel)).isEqualTo(Map.of(owner, "owner", member, "member"));
        assertThat(fixture.kvRole(channel, squatter)).isNull();
        assertThat(fixture.kvKind(channel)).isEqualTo("private");
        assertThat(fixture.get("/v1/channels/" + channel + "/messages", fixture.token(squatter))
                        .status())
                .isEqualTo(403);
    }

    @Test
    void theCreatorsRetryOfAStoredChannelIsAnsweredAsTheOriginal(StackDescription stack) throws Exception {
        StackFixture fixture = new StackFixture(stack);
        String channel = StackFixture.id("retry");
        String owner = StackFixture.id("owner");
        Response first = fixture.createChannel(owner, channel, "public");
        assertThat(first.status()).isEqualTo(202);
        fixture.awaitChannel(channel, 1);
        // stored now: the same create again is the client's retry (same Nats-Msg-Id, within the window)
        Response retry = fixture.createChannel(owner, channel, "public");
        assertThat(retry.status()).as(retry.toString()).isEqualTo(202);
        assertThat(retry.json().path("duplicate").asBoolean()).isTrue();
        assertThat(retry.json().path("eventId").asText())
                .isEqualTo(first.json().path("eventId").asText());
        assertThat(fixture.createChannel(StackFixture.id("other"), channel, "public")
                        .status())
                .isEqualTo(409);
    }

    @Test
    void aDirectChannelsIdCannotBeTakenByAnotherKindOrAnotherUser(StackDescription stack) throws Exception {
        StackFixture fixture = new StackFixture(stack);
        String a = StackFixture.id("a");
        String b = StackFixture.id("b");
        String squatter = StackFixture.id("squatter");
        String dm = directId(a, b);
        // before a and b ever talk: a public or private channel may not take the id their direct channel will have
        Response taken = fixture.createChannel(squatter, dm, "public", a, b);
        assertThat(taken.status()).as(taken.toString()).isEqualTo(422);
        assertThat(fixture.createChannel(squatter, dm, "private").status()).isEqualTo(422);

        Response direct =
                fixture.post("/v1/channels", fixture.token(a), "{\"kind\":\"direct\",\"members\":[\"" + b + "\"]}");
        assertThat(direct.status()).as(direct.toString()).isEqualTo(202);
        assertThat(direct.json().path("channelId").asText()).isEqualTo(dm);
        fixture.awaitChannel(dm, 2);
        expireHistory(fixture, dm);
        // after its history expired, neither the other user nor a third party re-creates it
        assertThat(fixture.post("/v1/channels", fixture.token(b), "{\"kind\":\"direct\",\"members\":[\"" + a + "\"]}")
                        .status())
                .isEqualTo(409);
        assertThat(fixture.roles(dm)).isEqualTo(Map.of(a, "owner", b, "member"));
    }

    @Test
    void aLateChannelCreatedDoesNotTakeOverAStoredChannel(StackDescription stack) throws Exception {
        StackFixture fixture = new StackFixture(stack);
        String channel = StackFixture.id("late");
        String owner = StackFixture.id("owner");
        String member = StackFixture.id("member");
        String squatter = StackFixture.id("squatter");
        assertThat(fixture.createChannel(owner, channel, "private", member).status())
                .isEqualTo(202);
        fixture.awaitChannel(channel, 2);

        // an event already in the stream (as one published before the command service checked the store)
        ObjectNode created =
                StackFixture.JSON.createObjectNode().put("name", "mine").put("kind", "public");
        created.putArray("members").add(member);
        long late = fixture.publishMeta("channel.created", channel, squatter, created);
        assertThat(Poll.until(Duration.ofSeconds(30), () -> fixture.deadLetterOf(late), d -> d != null)
                        .getHeaders()
                        .getFirst(io.chorus.common.nats.DeadLetters.ERROR_HEADER))
                .contains("exists");
        fixture.awaitWriterPast(channel, owner);
        assertThat(fixture.roles(channel)).isEqualTo(Map.of(owner, "owner", member, "member"));
        assertThat(fixture.kvRole(channel, squatter)).isNull();
        assertThat(fixture.kvKind(channel)).isEqualTo("private");
    }

    @Test
    void aDirectChannelCreatedUnderAnotherPairsIdIsDeadLettered(StackDescription stack) throws Exception {
        StackFixture fixture = new StackFixture(stack);
        String a = StackFixture.id("a");
        String b = StackFixture.id("b");
        String squatter = StackFixture.id("squatter");
        String dm = directId(a, b);
        ObjectNode created = StackFixture.JSON.createObjectNode().put("kind", "direct");
        created.putArray("members").add(b);
        long forged = fixture.publishMeta("channel.created", dm, squatter, created);
        assertThat(Poll.until(Duration.ofSeconds(30), () -> fixture.deadLetterOf(forged), d -> d != null))
                .isNotNull();
        assertThat(fixture.get("/v1/channels/" + dm, fixture.adminToken("root")).status())
                .isEqualTo(404);
        assertThat(fixture.kvKind(dm)).isNull();
    }
}
