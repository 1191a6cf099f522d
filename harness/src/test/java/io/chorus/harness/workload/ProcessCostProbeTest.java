package io.chorus.harness.workload;

import static org.assertj.core.api.Assertions.assertThat;

import io.chorus.harness.checker.ProcessCosts;
import io.chorus.harness.history.History;
import io.chorus.harness.history.HistoryWriter;
import io.chorus.harness.history.RunClock;
import io.chorus.harness.history.Sample;
import io.chorus.harness.stack.ProcessUsage;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProcessCostProbeTest {
    @Test
    void aSweepSamplesTheHarnessJvmAndEveryComponentByItsProcessGroup(@TempDir Path folder) {
        long self = ProcessHandle.current().pid();
        // a component led by this JVM's process group leader: its group holds at least this JVM, unless the JVM
        // leads its own group (then the harness reading is the only one)
        long group = new ProcessUsage().stat(self).processGroup();
        Path file = folder.resolve(History.FILE);
        try (HistoryWriter history = new HistoryWriter(file)) {
            new ProcessCostProbe(Map.of("component", group), new ProcessUsage(), history, new RunClock()).sweep();
        }
        History history = History.read(file);

        assertThat(history.of(Sample.class)
                        .filter(s -> s.source().equals(ProcessCosts.HARNESS)
                                && s.metric().equals(ProcessCosts.CPU))
                        .findFirst()
                        .orElseThrow()
                        .value())
                .isPositive();
        assertThat(history.of(Sample.class)
                        .filter(s -> s.source().equals(ProcessCosts.HARNESS)
                                && s.metric().equals(ProcessCosts.RSS))
                        .findFirst()
                        .orElseThrow()
                        .value())
                .isGreaterThan(10 << 20);
        if (group != self) {
            assertThat(history.of(Sample.class).filter(s -> s.source().equals("component")))
                    .extracting(Sample::metric)
                    .containsExactlyInAnyOrder(ProcessCosts.CPU, ProcessCosts.RSS);
        }
    }
}
