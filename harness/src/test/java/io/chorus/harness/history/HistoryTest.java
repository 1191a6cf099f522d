package io.chorus.harness.history;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HistoryTest {
    @TempDir
    Path dir;

    @Test
    void everyKindOfRecordRoundTripsThroughNdjson() throws Exception {
        List<Op> ops = List.of(
                new SessionOpen("bob", "c1", "notification-1", 10),
                new SendInvoke("k1", "ch", "alice", "steady", 100, 120, 42),
                new SendOk("k1", "m1", 202, 150),
                new SendFail("k2", 503, "busy", 160),
                new SendInfo("k3", "timeout", 170),
                new Receipt("bob", "c1", "notification-1", "ch", "m1", 7, 180),
                new SessionClose("bob", "c1", "end of run", 300),
                new PhaseWindow("steady", 0, 10.5, 100, 200),
                new FaultWindow("kill", "notification-1", 110, 190),
                new Sample("fanout.publishes", "fanout-1", 12, 200));
        Path file = dir.resolve(History.FILE);
        try (HistoryWriter writer = new HistoryWriter(file)) {
            ops.forEach(writer::append);
        }
        assertThat(Files.readAllLines(file))
                .hasSize(ops.size())
                .first()
                .asString()
                .startsWith("{\"type\":\"session-open\"");
        History back = History.read(file);
        assertThat(back.ops()).isEqualTo(ops);
        assertThat(back.span()).containsExactly(10, 300);
    }

    @Test
    void aBrokenLineIsReportedWithItsNumber() throws Exception {
        Path file = dir.resolve(History.FILE);
        Files.writeString(
                file,
                "{\"type\":\"ok\",\"clientMsgId\":\"k\",\"messageId\":\"m\",\"status\":202,\"time\":1}\nnot json\n");
        assertThatThrownBy(() -> History.read(file)).hasMessageContaining(History.FILE + ":2: not a history record");
    }
}
