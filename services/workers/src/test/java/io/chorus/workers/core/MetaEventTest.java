package io.chorus.workers.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;
import static org.quicktheories.generators.SourceDSL.strings;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.chorus.common.events.DirectChannels;
import io.chorus.common.events.MetaPayloads;
import io.dropwizard.jackson.Jackson;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MetaEventTest {
    private static final ObjectMapper JSON = Jackson.newObjectMapper();

    private static byte[] envelope(String type, String channel, String payload) {
        return ("{\"id\":\"01890000-0000-7000-8000-000000000000\",\"type\":\"" + type + "\",\"channelId\":\"" + channel
                        + "\",\"actorId\":\"alice\",\"occurredAt\":\"2026-01-01T00:00:00Z\",\"payload\":" + payload
                        + "}")
                .getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void decodesEveryMetaEventType() throws Exception {
        MetaEvent created = MetaEvent.decode(
                JSON,
                envelope(
                        "channel.created",
                        "c1",
                        "{\"name\":\"n\",\"kind\":\"private\",\"members\":[\"bob\"],\"future\":1}"));
        assertThat(created).isInstanceOf(MetaEvent.ChannelCreated.class);
        assertThat(PermissionChange.of(created))
                .containsExactly(
                        PermissionChange.put("c1", "private"),
                        PermissionChange.put("alice.c1", "owner"),
                        PermissionChange.grant("bob.c1", "member"));
        assertThat(PermissionChange.grant("bob.c1", "member").keepsHigher()).isTrue();

        MetaEvent added = MetaEvent.decode(JSON, envelope("members.added", "c1", "{\"userIds\":[\"x\",\"y\"]}"));
        assertThat(PermissionChange.of(added))
                .containsExactly(
                        new PermissionChange("x.c1", "member", true), new PermissionChange("y.c1", "member", true));
        MetaEvent owners =
                MetaEvent.decode(JSON, envelope("members.added", "c1", "{\"userIds\":[\"x\"],\"role\":\"owner\"}"));
        assertThat(PermissionChange.of(owners)).containsExactly(new PermissionChange("x.c1", "owner", false));
        MetaEvent removed = MetaEvent.decode(JSON, envelope("member.removed", "c1", "{\"userId\":\"x\"}"));
        assertThat(PermissionChange.of(removed)).containsExactly(PermissionChange.delete("x.c1"));
        assertThat(MetaEvent.decode(JSON, envelope("channel.updated", "c1", "{\"topic\":\"t\"}")))
                .isInstanceOf(MetaEvent.ChannelUpdated.class);
        assertThat(MetaEvent.decode(JSON, envelope("user.updated", "c1", "{\"displayName\":\"A\"}")))
                .isInstanceOf(MetaEvent.UserUpdated.class);
    }

    @Test
    void decodesADirectChannelUnderItsUsersId() throws Exception {
        String id = DirectChannels.id("bob", "alice");
        assertThat(MetaEvent.decode(
                        JSON, envelope("channel.created", id, "{\"kind\":\"direct\",\"members\":[\"bob\"]}")))
                .isInstanceOf(MetaEvent.ChannelCreated.class);
    }

    @Test
    void refusesWhatCannotBeApplied() {
        for (byte[] bad : new byte[][] {
            "not json".getBytes(StandardCharsets.UTF_8),
            envelope("channel.created", "c1", "{\"kind\":\"galaxy\"}"),
            envelope("channel.created", "bad id", "{\"kind\":\"public\"}"),
            envelope("members.added", "c1", "{\"userIds\":[]}"),
            envelope("members.added", "c1", "{\"userIds\":[\"a.b\"]}"),
            envelope("members.added", "c1", "{\"userIds\":[\"a\"],\"role\":\"king\"}"),
            envelope("member.removed", "c1", "{}"),
            envelope("users.imported", "c1", "{}"),
            envelope("users.imported", "c1", "{\"users\":[]}"),
            envelope("users.imported", "c1", "{\"users\":null}"),
            envelope("users.imported", "c1", "{\"users\":\"u1\"}"),
            envelope("users.imported", "c1", "{\"users\":[null]}"),
            envelope("users.imported", "c1", "{\"users\":[\"u1\"]}"),
            envelope("users.imported", "c1", "{\"users\":[{\"displayName\":\"A\"}]}"),
            envelope("users.imported", "c1", "{\"users\":[{\"id\":\"a.b\",\"displayName\":\"A\"}]}"),
            envelope("users.imported", "c1", "{\"users\":[{\"id\":\"a\",\"displayName\":\"A\"},{\"id\":\"b\"}]}"),
            envelope("users.imported", "c1", "{\"users\":[{\"id\":\"a\",\"displayName\":\" \"}]}"),
            envelope("message.created", "c1", "{}"),
            // a direct channel only under its two users' id, created by one of them; no other kind under dm-
            envelope("channel.created", "dm-" + "0".repeat(40), "{\"kind\":\"direct\",\"members\":[\"bob\"]}"),
            envelope("channel.created", DirectChannels.id("alice", "bob"), "{\"kind\":\"direct\"}"),
            envelope(
                    "channel.created",
                    DirectChannels.id("alice", "bob"),
                    "{\"kind\":\"direct\",\"members\":[\"bob\",\"carol\"]}"),
            envelope(
                    "channel.created",
                    DirectChannels.id("alice", "alice"),
                    "{\"kind\":\"direct\",\"members\":[\"alice\"]}"),
            envelope("channel.created", DirectChannels.id("alice", "bob"), "{\"kind\":\"public\"}"),
            envelope("channel.created", "dm-general", "{\"kind\":\"private\"}")
        }) {
            assertThatThrownBy(() -> MetaEvent.decode(JSON, bad)).isInstanceOf(MetaEvent.Malformed.class);
        }
    }

    @Test
    void decodesImportedUsersWithoutPermissionChanges() throws Exception {
        MetaEvent imported = MetaEvent.decode(
                JSON,
                ("{\"id\":\"01890000-0000-7000-8000-000000000000\",\"type\":"
                                + "\"users.imported\",\"actorId\":\"root\",\"occurredAt\":\"2026-01-01T00:00:00Z\",\"payload\":"
                                + "{\"users\":[{\"id\":\"a\",\"displayName\":\"Ann\",\"future\":1},{\"id\":\"b\",\"displayName\":\"Bob\"}]}}")
                        .getBytes(StandardCharsets.UTF_8));
        assertThat(imported)
                .isEqualTo(new MetaEvent.UsersImported(
                        "root",
                        Instant.parse("2026-01-01T00:00:00Z"),
                        List.of(new MetaPayloads.ImportedUser("a", "Ann"), new MetaPayloads.ImportedUser("b", "Bob"))));
        assertThat(PermissionChange.of(imported)).isEmpty();
    }

    /**
     * Any list of valid users decodes to the same users, one per id with the name of its last entry (the entries share
     * one time, so the event itself says which name is the newest); one invalid id anywhere makes the event malformed.
     */
    @Test
    void importedUsersKeepTheLastNameOfEachIdAndOneBadIdPoisonsTheEvent() {
        qt().withExamples(300)
                .forAll(
                        lists().of(integers().between(0, 30)).ofSizeBetween(1, 200),
                        integers().between(-1, 199))
                .checkAssert((ids, poisonAt) -> {
                    ObjectNode payload = JSON.createObjectNode();
                    ArrayNode users = payload.putArray("users");
                    Map<String, String> expected = new LinkedHashMap<>();
                    for (int i = 0; i < ids.size(); i++) {
                        String id = i == poisonAt ? "bad id" : "u" + ids.get(i);
                        users.addObject().put("id", id).put("displayName", "name " + i);
                        expected.put(id, "name " + i);
                    }
                    byte[] body = envelope("users.imported", "ignored", payload.toString());
                    if (poisonAt >= 0 && poisonAt < ids.size()) {
                        assertThatThrownBy(() -> MetaEvent.decode(JSON, body)).isInstanceOf(MetaEvent.Malformed.class);
                        return;
                    }
                    MetaEvent.UsersImported decoded = decodeUnchecked(body);
                    Map<String, String> seen = new LinkedHashMap<>();
                    decoded.users()
                            .forEach(u -> assertThat(seen.put(u.id(), u.displayName()))
                                    .isNull());
                    assertThat(seen).isEqualTo(expected);
                });
    }

    private static MetaEvent.UsersImported decodeUnchecked(byte[] body) {
        try {
            return (MetaEvent.UsersImported) MetaEvent.decode(JSON, body);
        } catch (MetaEvent.Malformed e) {
            throw new AssertionError(e);
        }
    }

    /** Whatever bytes arrive, decoding either yields an event or says it is malformed: it never throws otherwise. */
    @Test
    void arbitraryBodiesAreEventsOrMalformed() {
        qt().forAll(strings().allPossible().ofLengthBetween(0, 200)).checkAssert(s -> {
            try {
                MetaEvent.decode(JSON, s.getBytes(StandardCharsets.UTF_8));
            } catch (MetaEvent.Malformed expected) {
                // fine
            }
        });
    }

    @Test
    void decodesWebhookRegistrationsAndRefusesIncompleteOnes() throws Exception {
        MetaEvent created = MetaEvent.decode(
                JSON,
                envelope(
                        "webhook.created",
                        "null",
                        "{\"webhookId\":\"w1\",\"ownerId\":\"alice\",\"channelIds\":[\"c1\",\"c2\"],"
                                + "\"url\":\"https://example.com/h\",\"eventTypes\":[\"message.created\"],"
                                + "\"secret\":\"whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw\",\"paused\":false}"));
        assertThat(created).isInstanceOfSatisfying(MetaEvent.WebhookChanged.class, w -> {
            assertThat(w.change().webhookId()).isEqualTo("w1");
            assertThat(w.change().channelIds()).containsExactly("c1", "c2");
        });
        assertThat(PermissionChange.of(created)).isEmpty();
        assertThat(MetaEvent.decode(
                        JSON,
                        envelope(
                                "webhook.updated",
                                "null",
                                "{\"webhookId\":\"w1\",\"ownerId\":\"alice\",\"channelIds\":[\"c1\"],"
                                        + "\"paused\":true}")))
                .isInstanceOf(MetaEvent.WebhookChanged.class);

        assertThatThrownBy(() -> MetaEvent.decode(
                        JSON,
                        envelope(
                                "webhook.created",
                                "null",
                                "{\"webhookId\":\"w1\",\"ownerId\":\"alice\",\"channelIds\":[\"c1\"]}")))
                .isInstanceOf(MetaEvent.Malformed.class);
        assertThatThrownBy(() -> MetaEvent.decode(
                        JSON,
                        envelope(
                                "webhook.deleted",
                                "null",
                                "{\"webhookId\":\"w.1\",\"ownerId\":\"alice\",\"channelIds\":[\"c1\"]}")))
                .isInstanceOf(MetaEvent.Malformed.class);
        assertThatThrownBy(() -> MetaEvent.decode(
                        JSON, envelope("webhook.deleted", "null", "{\"webhookId\":\"w1\",\"ownerId\":\"alice\"}")))
                .isInstanceOf(MetaEvent.Malformed.class);
    }

    @Test
    void aRedeliveryRequestDecodesAndChangesNothingStored() throws Exception {
        assertThat(MetaEvent.decode(
                        JSON,
                        envelope("webhook.redelivery.requested", "null", "{\"webhookId\":\"w1\",\"failureId\":42}")))
                .isEqualTo(new MetaEvent.WebhookRedeliveryRequested(
                        "alice",
                        java.time.Instant.parse("2026-01-01T00:00:00Z"),
                        new io.chorus.common.events.WebhookPayloads.RedeliveryRequested("w1", 42)));
        assertThatThrownBy(() -> MetaEvent.decode(
                        JSON,
                        envelope("webhook.redelivery.requested", "null", "{\"webhookId\":\"w1\",\"failureId\":0}")))
                .isInstanceOf(MetaEvent.Malformed.class);
        assertThatThrownBy(() -> MetaEvent.decode(
                        JSON,
                        envelope("webhook.redelivery.requested", "null", "{\"webhookId\":\"w.1\",\"failureId\":3}")))
                .isInstanceOf(MetaEvent.Malformed.class);
    }
}
