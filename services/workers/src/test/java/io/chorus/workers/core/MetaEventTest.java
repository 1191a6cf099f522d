package io.chorus.workers.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.strings;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.dropwizard.jackson.Jackson;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class MetaEventTest {
    private static final ObjectMapper JSON = Jackson.newObjectMapper();

    private static byte[] envelope(String type, String channel, String payload) {
        return ("{\"id\":\"01890000-0000-7000-8000-000000000000\",\"type\":\"" + type + "\",\"channelId\":\"" + channel
                + "\",\"actorId\":\"alice\",\"occurredAt\":\"2026-01-01T00:00:00Z\",\"payload\":" + payload + "}")
                .getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void decodesEveryMetaEventType() throws Exception {
        MetaEvent created = MetaEvent.decode(JSON, envelope("channel.created", "c1",
                "{\"name\":\"n\",\"kind\":\"private\",\"members\":[\"bob\"],\"future\":1}"));
        assertThat(created).isInstanceOf(MetaEvent.ChannelCreated.class);
        assertThat(PermissionChange.of(created)).containsExactly(new PermissionChange("c1", "private"),
                new PermissionChange("c1.alice", "owner"), new PermissionChange("c1.bob", "member"));

        MetaEvent added = MetaEvent.decode(JSON, envelope("members.added", "c1", "{\"userIds\":[\"x\",\"y\"]}"));
        assertThat(PermissionChange.of(added)).containsExactly(new PermissionChange("c1.x", "member"),
                new PermissionChange("c1.y", "member"));
        MetaEvent removed = MetaEvent.decode(JSON, envelope("member.removed", "c1", "{\"userId\":\"x\"}"));
        assertThat(PermissionChange.of(removed)).containsExactly(new PermissionChange("c1.x", null));
        assertThat(MetaEvent.decode(JSON, envelope("channel.updated", "c1", "{\"topic\":\"t\"}")))
                .isInstanceOf(MetaEvent.ChannelUpdated.class);
        assertThat(MetaEvent.decode(JSON, envelope("user.updated", "c1", "{\"displayName\":\"A\"}")))
                .isInstanceOf(MetaEvent.UserUpdated.class);
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
                envelope("message.created", "c1", "{}")}) {
            assertThatThrownBy(() -> MetaEvent.decode(JSON, bad)).isInstanceOf(MetaEvent.Malformed.class);
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
}
