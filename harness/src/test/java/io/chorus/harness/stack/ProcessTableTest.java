package io.chorus.harness.stack;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Against real processes: the table finds a run's processes by their tag and stops them, children included. */
class ProcessTableTest {
    @TempDir
    Path dir;

    @Test
    void findsAndStopsEveryProcessOfARunIncludingChildren() throws Exception {
        RunFolder run = new RunFolder(dir);
        ProcessTable table = new ProcessTable();
        // a shell that ignores SIGTERM and has a child of its own: both must go
        Process parent = new ProcessLauncher(run)
                .start("sleeper", List.of("bash", "-c", "trap '' TERM; sleep 600 & wait"), java.util.Map.of(), dir);
        List<Long> tagged = awaitTagged(table, run, 2);

        assertThat(tagged).contains(parent.pid()).hasSize(2);
        assertThat(table.group(run.processTag(), parent.pid())).containsExactlyInAnyOrderElementsOf(tagged);
        assertThat(table.processGroup(parent.pid())).hasValue(parent.pid());

        List<Long> left = table.stop(tagged, Duration.ofMillis(300));

        assertThat(left).isEmpty();
        assertThat(table.tagged(run.processTag())).isEmpty();
        tagged.forEach(pid -> assertThat(table.isAlive(pid)).isFalse());
    }

    private static List<Long> awaitTagged(ProcessTable table, RunFolder run, int count) throws InterruptedException {
        List<Long> tagged = table.tagged(run.processTag());
        for (int i = 0; i < 200 && tagged.size() < count; i++) {
            Thread.sleep(10);
            tagged = table.tagged(run.processTag());
        }
        return tagged;
    }
}
