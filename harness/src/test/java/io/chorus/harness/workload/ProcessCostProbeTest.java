package io.chorus.harness.workload;

import static org.assertj.core.api.Assertions.assertThat;

import io.chorus.harness.checker.ProcessCosts;
import io.chorus.harness.history.History;
import io.chorus.harness.history.HistoryWriter;
import io.chorus.harness.history.RunClock;
import io.chorus.harness.history.Sample;
import io.chorus.harness.stack.ProcessUsage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProcessCostProbeTest {
    private static void process(Path proc, long pid, long parent, long group, long ticks, long rssKb) throws Exception {
        Files.createDirectories(proc.resolve(Long.toString(pid)));
        Files.writeString(
                proc.resolve(pid + "/stat"),
                pid + " (p " + pid + ") S " + parent + " " + group + " " + group + " 0 -1 0 0 0 0 0 " + ticks
                        + " 0 0 0 20 0 1 0 1 1 1");
        Files.writeString(proc.resolve(pid + "/status"), "Name:\tp\nVmRSS:\t" + rssKb + " kB\n");
    }

    @Test
    void aComponentIsItsProcessItsGroupAndItsDescendantsThatLeftTheGroup(@TempDir Path folder) throws Exception {
        Path proc = folder.resolve("proc");
        process(proc, 100, 1, 100, 300, 1_000); // postgres: the postmaster, leader of its group
        process(proc, 101, 100, 100, 20, 100); // a child in its group
        process(proc, 102, 100, 102, 5, 10); // a backend that called setsid
        process(proc, 103, 102, 102, 1, 1); // and its child
        process(proc, 200, 1, 200, 7_000, 5_000); // another stack's process
        Path file = folder.resolve(History.FILE);
        try (HistoryWriter history = new HistoryWriter(file)) {
            new ProcessCostProbe(Map.of("postgres", 100L), new ProcessUsage(proc, 100), history, new RunClock())
                    .sweep();
        }
        Map<String, Double> postgres = History.read(file)
                .of(Sample.class)
                .filter(s -> s.source().equals("postgres"))
                .collect(Collectors.toMap(Sample::metric, Sample::value));

        assertThat(postgres).containsEntry(ProcessCosts.CPU, 3.26).containsEntry(ProcessCosts.RSS, 1_111.0 * 1024);
    }

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
