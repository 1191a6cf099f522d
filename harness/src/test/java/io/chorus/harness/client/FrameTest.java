package io.chorus.harness.client;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class FrameTest {

    @Test
    void readsEachOpOfTheProtocolAsItsRecord() {
        assertThat(Frame.parse("{\"op\":\"ready\",\"sessionId\":\"s\",\"userId\":\"alice\",\"channels\":3,"
                        + "\"resume\":\"r1.5\",\"resumed\":true}"))
                .isEqualTo(new Frame.Ready("s", "alice", 3, "r1.5", true));
        Frame event = Frame.parse("{\"op\":\"event\",\"seq\":7,\"channelId\":\"c\",\"resume\":\"r1.7\","
                + "\"event\":{\"id\":\"e1\",\"type\":\"message.created\",\"payload\":{\"text\":\"hi\"}}}");
        assertThat(event).isInstanceOfSatisfying(Frame.Event.class, e -> {
            assertThat(e.seq()).isEqualTo(7);
            assertThat(e.channelId()).isEqualTo("c");
            assertThat(e.eventId()).isEqualTo("e1");
            assertThat(e.type()).isEqualTo("message.created");
            assertThat(e.resume()).isEqualTo("r1.7");
        });
        assertThat(Frame.parse("{\"op\":\"typing\",\"channelId\":\"c\",\"typing\":{\"userId\":\"bob\"}}"))
                .isEqualTo(new Frame.Typing("c", "bob"));
        assertThat(Frame.parse("{\"op\":\"resync_required\",\"reason\":\"gap_too_large\",\"resume\":\"r1.9\"}"))
                .isEqualTo(new Frame.ResyncRequired("gap_too_large", "r1.9"));
        assertThat(Frame.parse("{\"op\":\"pong\"}")).isEqualTo(new Frame.Pong());
        assertThat(Frame.parse("{\"op\":\"error\",\"code\":\"bad_frame\",\"message\":\"no op\"}"))
                .isEqualTo(new Frame.Error("bad_frame", "no op"));
    }

    @Test
    void readsTheChannelChangeFramesWithTheirResumeTokens() {
        Frame added = Frame.parse("{\"op\":\"channel_added\",\"channelId\":\"c\",\"resume\":\"r1.5.m3\","
                + "\"event\":{\"type\":\"members.added\"}}");
        assertThat(added).isInstanceOfSatisfying(Frame.ChannelChange.class, c -> {
            assertThat(c.op()).isEqualTo("channel_added");
            assertThat(c.channelId()).isEqualTo("c");
            assertThat(c.resume()).isEqualTo("r1.5.m3");
            assertThat(c.event().path("type").asText()).isEqualTo("members.added");
        });
        assertThat(Frame.parse("{\"op\":\"members_changed\",\"channelId\":\"c\",\"change\":\"left\",\"count\":1,"
                        + "\"resume\":\"r1.5.m4\",\"userIds\":[\"bob\"]}"))
                .isEqualTo(new Frame.MembersChanged("c", "left", 1, java.util.List.of("bob"), "r1.5.m4"));
    }

    @Test
    void notJsonOrAnUnknownOpIsUnknown() {
        assertThat(Frame.parse("nope")).isEqualTo(new Frame.Unknown("nope"));
        assertThat(Frame.parse("{\"op\":\"later\"}")).isEqualTo(new Frame.Unknown("{\"op\":\"later\"}"));
        assertThat(Frame.parse("[1]")).isInstanceOf(Frame.Unknown.class);
    }

    @Test
    void clientFramesAreTheProtocolsJson() {
        assertThat(ClientFrame.auth("t", null)).isEqualTo("{\"op\":\"auth\",\"token\":\"t\"}");
        assertThat(ClientFrame.auth("t", "r1.5")).isEqualTo("{\"op\":\"auth\",\"token\":\"t\",\"resume\":\"r1.5\"}");
        assertThat(ClientFrame.typing("c")).isEqualTo("{\"op\":\"typing\",\"channelId\":\"c\"}");
    }
}
