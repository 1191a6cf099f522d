package io.chorus.notification.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class LiveSessionTest {
    private final OutboundQueueTest.FakeSocket socket = new OutboundQueueTest.FakeSocket();
    private final LiveSession session =
            new LiveSession("s", "u", new OutboundQueue(socketInline(), 100, Long.MAX_VALUE), 2, 100);

    private OutboundQueueTest.FakeSocket socketInline() {
        socket.inline = true;
        return socket;
    }

    private static byte[] env(String text) {
        return ("{\"text\":\"" + text + "\"}").getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void liveEventsWaitForTheReplayAndWhatItCoveredIsDroppedOnce() {
        session.startFrom(new long[] {10, 20});
        session.deliver(0, 12, "c", env("live-12")); // arrives live while replaying
        session.deliver(1, 25, "d", env("live-25"));
        session.replay(0, 11, "c", env("replay-11"));
        session.replay(0, 12, "c", env("replay-12"));
        session.arm(new long[] {12, 22});

        assertThat(socket.sent).hasSize(3);
        assertThat(socket.sent.get(0)).contains("\"seq\":11");
        assertThat(socket.sent.get(1)).contains("\"seq\":12").contains("replay-12");
        assertThat(socket.sent.get(2)).contains("\"seq\":25").contains("\"resume\":\"r1.12.25\"");
        session.deliver(0, 12, "c", env("dup"));
        session.deliver(0, 9, "c", env("old"));
        assertThat(socket.sent).hasSize(3);
        assertThat(session.token().text()).isEqualTo("r1.12.25");
    }

    @Test
    void resumeTokensRoundTripAndRejectOtherSplits() {
        assertThat(ResumeToken.parse("r1.5.7", 2)).contains(new ResumeToken(new long[] {5, 7}));
        assertThat(ResumeToken.parse("r1.5", 2)).isEmpty();
        assertThat(ResumeToken.parse("r1.5.x", 2)).isEmpty();
        assertThat(ResumeToken.parse("r1.-1", 1)).isEmpty();
        assertThat(ResumeToken.parse(null, 1)).isEmpty();
        assertThat(ResumeToken.parse("r2.5", 1)).isEmpty();
    }
}
