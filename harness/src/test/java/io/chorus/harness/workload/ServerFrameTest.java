package io.chorus.harness.workload;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ServerFrameTest {
    @Test
    void anEventFrameAsTheServerWritesIt() {
        ServerFrame f = ServerFrame.parse("{\"op\":\"event\",\"seq\":42,\"channelId\":\"team-0\",\"resume\":\"r1.42\","
                + "\"event\":{\"id\":\"0192f3a4-0000-7000-8000-000000000001\",\"type\":\"message.created\","
                + "\"channelId\":\"team-0\",\"actorId\":\"u1\",\"payload\":{\"text\":\"hi \\\"there\\\"\"}}}");
        assertThat(f.isEvent()).isTrue();
        assertThat(f)
                .extracting(ServerFrame::seq, ServerFrame::channelId, ServerFrame::eventId, ServerFrame::resume)
                .containsExactly(42L, "team-0", "0192f3a4-0000-7000-8000-000000000001", "r1.42");
    }

    @Test
    void theResumeTokenOfReadyAndResyncAndTheResyncReason() {
        assertThat(ServerFrame.parse("{\"op\":\"ready\",\"sessionId\":\"s\",\"userId\":\"u\",\"channels\":3,"
                                + "\"resume\":\"r1.5.9\",\"resumed\":true}")
                        .resume())
                .isEqualTo("r1.5.9");
        ServerFrame resync = ServerFrame.parse(
                "{\"op\":\"resync_required\",\"reason\":\"gap_too_large\"," + "\"resume\":\"r1.70.80\"}");
        assertThat(resync)
                .extracting(ServerFrame::op, ServerFrame::reason, ServerFrame::resume)
                .containsExactly("resync_required", "gap_too_large", "r1.70.80");
    }

    @Test
    void fieldsInAnotherOrderAreReadToo() {
        ServerFrame f = ServerFrame.parse("{\"event\":{\"type\":\"message.created\",\"payload\":{\"a\":[1,{\"b\":2}]},"
                + "\"id\":\"m1\"},\"resume\":\"r\",\"channelId\":\"c\",\"seq\":7,\"op\":\"event\"}");
        assertThat(f.isEvent()).isTrue();
        assertThat(f.resume()).isEqualTo("r");
        assertThat(f.eventId()).isEqualTo("m1");
        assertThat(f.seq()).isEqualTo(7);
        ServerFrame idFirst = ServerFrame.parse("{\"op\":\"event\",\"event\":{\"id\":\"m2\",\"payload\":{\"x\":{}}},"
                + "\"channelId\":\"c\",\"seq\":8}");
        assertThat(idFirst)
                .extracting(ServerFrame::eventId, ServerFrame::channelId, ServerFrame::seq)
                .containsExactly("m2", "c", 8L);
    }

    @Test
    void readyErrorAndJunk() {
        assertThat(ServerFrame.parse("{\"op\":\"ready\",\"sessionId\":\"s\",\"channels\":3}")
                        .op())
                .isEqualTo("ready");
        ServerFrame error = ServerFrame.parse("{\"op\":\"error\",\"code\":\"unauthorized\",\"message\":\"no\"}");
        assertThat(error.op()).isEqualTo("error");
        assertThat(error.error()).isEqualTo("unauthorized");
        assertThat(ServerFrame.parse("not json").isEvent()).isFalse();
        assertThat(ServerFrame.parse("[1,2]").error()).isEqualTo("not a JSON object");
        assertThat(ServerFrame.parse("{\"op\":\"event\",\"seq\":1}").isEvent()).isFalse();
    }
}
