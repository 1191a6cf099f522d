package io.chorus.notification.core;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ChannelChangesTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ResumeToken TOKEN = new ResumeToken(new long[] {4, 5}, 9);

    private final OutboundQueueTest.FakeSocket socket = new OutboundQueueTest.FakeSocket();
    private final LiveSession session =
            new LiveSession("s", "bob", new OutboundQueue(socketInline(), 100, Long.MAX_VALUE), 2, 100);

    private OutboundQueueTest.FakeSocket socketInline() {
        socket.inline = true;
        return socket;
    }

    private static Optional<String> frame(String user, boolean member, String event) throws Exception {
        JsonNode node = JSON.readTree(event);
        return ChannelChanges.frameFor(user, member, "c", node, event.getBytes(StandardCharsets.UTF_8))
                .map(f -> f.with(TOKEN));
    }

    @Test
    void eachChangeMeansTheFrameTheProtocolNames() throws Exception {
        String created = "{\"type\":\"channel.created\",\"actorId\":\"alice\",\"payload\":{\"members\":[\"bob\"]}}";
        assertThat(frame("bob", true, created))
                .hasValueSatisfying(f -> assertThat(f)
                        .startsWith("{\"op\":\"channel_added\",\"channelId\":\"c\",\"resume\":\"r1.4.5.m9\""));
        assertThat(frame("alice", true, created))
                .hasValueSatisfying(f -> assertThat(f).contains("channel_added"));
        assertThat(frame("carol", false, created)).isEmpty();

        String added = "{\"type\":\"members.added\",\"payload\":{\"userIds\":[\"bob\"]}}";
        assertThat(frame("bob", true, added))
                .hasValueSatisfying(f -> assertThat(f).contains("channel_added"));
        assertThat(frame("alice", true, added))
                .hasValue("{\"op\":\"members_changed\",\"channelId\":\"c\","
                        + "\"change\":\"joined\",\"count\":1,\"resume\":\"r1.4.5.m9\",\"userIds\":[\"bob\"]}");
        assertThat(frame("carol", false, added)).isEmpty();

        String removed = "{\"type\":\"member.removed\",\"payload\":{\"userId\":\"bob\"}}";
        assertThat(frame("bob", false, removed))
                .hasValueSatisfying(f -> assertThat(f).contains("channel_removed"));
        assertThat(frame("alice", true, removed))
                .hasValueSatisfying(f -> assertThat(f).contains("\"change\":\"left\""));

        String updated = "{\"type\":\"channel.updated\",\"payload\":{\"name\":\"n\"}}";
        assertThat(frame("alice", true, updated))
                .hasValueSatisfying(f -> assertThat(f).contains("channel_updated"));
        assertThat(frame("carol", false, updated)).isEmpty();
    }

    @Test
    void manyMembersAreACountOnly() {
        java.util.List<String> many = new java.util.ArrayList<>();
        for (int i = 0; i <= Frames.MAX_LISTED_MEMBERS; i++) {
            many.add("u" + i);
        }
        String frame = Frames.membersChanged("c", Frames.MEMBERS_JOINED, many, TOKEN);
        assertThat(frame).contains("\"count\":101").doesNotContain("userIds");
    }

    @Test
    void aResumeTokenCarriesTheChangesPositionAndReadsBackWithoutIt() {
        assertThat(ResumeToken.parse("r1.4.5.m9", 2)).contains(TOKEN);
        assertThat(ResumeToken.parse("r1.4.5", 2)).contains(new ResumeToken(new long[] {4, 5}));
        assertThat(ResumeToken.parse("r1.4.5.9", 2)).isEmpty();
        assertThat(ResumeToken.parse("r1.4.5.m-1", 2)).isEmpty();
        assertThat(TOKEN.text()).isEqualTo("r1.4.5.m9");
    }

    @Test
    void changesThatWaitForTheReplayAreDroppedWhenItCoveredThem() {
        session.startChangesFrom(3);
        session.change(5, r -> "live-5 " + r.text()); // arrives live while replaying
        session.change(8, r -> "live-8 " + r.text());
        session.replayChange(4, r -> "replay-4 " + r.text());
        session.replayChange(5, r -> "replay-5 " + r.text());
        session.arm(new long[] {0, 0}, 6);

        assertThat(socket.sent).containsExactly("replay-4 r1.0.0.m4", "replay-5 r1.0.0.m5", "live-8 r1.0.0.m8");
        assertThat(session.changesWatermark()).isEqualTo(8);
    }
}
