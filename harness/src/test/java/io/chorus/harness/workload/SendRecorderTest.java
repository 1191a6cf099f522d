package io.chorus.harness.workload;

import static org.assertj.core.api.Assertions.assertThat;

import io.chorus.harness.history.History;
import io.chorus.harness.history.HistoryWriter;
import io.chorus.harness.history.RunClock;
import io.chorus.harness.history.SendFail;
import io.chorus.harness.history.SendInfo;
import io.chorus.harness.history.SendInvoke;
import io.chorus.harness.history.SendOk;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SendRecorderTest {
    @Test
    void a202WithItsMessageIdIsTheOnlyOk() {
        assertThat(SendRecorder.completion("c1", 202, "{\"messageId\":\"m-1\",\"seq\":3}", 9))
                .isEqualTo(new SendOk("c1", "m-1", 202, 9));
        assertThat(SendRecorder.completion("c1", 202, "{\"seq\":3}", 9)).isInstanceOf(SendInfo.class);
        assertThat(SendRecorder.completion("c1", 202, "not json", 9)).isInstanceOf(SendInfo.class);
    }

    @Test
    void anyOtherStatusIsAFailWithTheErrorCode() {
        assertThat(SendRecorder.completion("c1", 403, "{\"error\":{\"code\":\"not_a_member\",\"message\":\"x\"}}", 9))
                .isEqualTo(new SendFail("c1", 403, "not_a_member", 9));
        assertThat(SendRecorder.completion("c1", 503, "", 9)).isEqualTo(new SendFail("c1", 503, "http-503", 9));
        assertThat(SendRecorder.completion("c1", 500, null, 9)).isEqualTo(new SendFail("c1", 500, "http-500", 9));
        assertThat(SendRecorder.completion("c1", 200, "{\"messageId\":\"m\"}", 9))
                .isInstanceOf(SendFail.class);
    }

    @Test
    void writesAnInvokeThenOneCompletionAndFeedsTheLiveCounters(@TempDir Path dir) {
        Path file = dir.resolve(History.FILE);
        LiveCounters live = new LiveCounters();
        Arrival a = new Arrival(0, 0, "c1", "ch-0", "u3", 1_000, "hi");
        Arrival b = new Arrival(0, 1, "c2", "ch-0", "u4", 2_000, "hey");
        Arrival c = new Arrival(0, 2, "c3", "ch-0", "u4", 3_000, "yo!");
        try (HistoryWriter history = new HistoryWriter(file)) {
            SendRecorder recorder = new SendRecorder(history, new RunClock(), live, "steady");
            recorder.invoked(a);
            recorder.invoked(b);
            recorder.invoked(c);
            recorder.answered(a, 202, "{\"messageId\":\"m-a\"}");
            recorder.answered(b, 422, "{\"error\":{\"code\":\"invalid\",\"message\":\"x\"}}");
            recorder.unanswered(c, "no answer within 10 ms");
        }
        History history = History.read(file);
        SendInvoke invoke = history.of(SendInvoke.class).findFirst().orElseThrow();
        assertThat(invoke.clientMsgId()).isEqualTo("c1");
        assertThat(invoke.intended()).isEqualTo(1_000);
        assertThat(invoke.time()).isGreaterThan(invoke.intended());
        assertThat(invoke.phase()).isEqualTo("steady");
        assertThat(invoke.size()).isEqualTo(2);
        assertThat(invoke.sender()).isEqualTo("u3");
        assertThat(history.of(SendOk.class).map(SendOk::messageId)).containsExactly("m-a");
        assertThat(history.of(SendFail.class).map(SendFail::error)).containsExactly("invalid");
        assertThat(history.of(SendInfo.class).map(SendInfo::clientMsgId)).containsExactly("c3");
        LiveCounters.Snapshot s = live.snapshot();
        assertThat(s.sent()).isEqualTo(3);
        assertThat(s.errors()).isEqualTo(2);
        assertThat(s.sendP95Ms()).isGreaterThan(0);
    }
}
