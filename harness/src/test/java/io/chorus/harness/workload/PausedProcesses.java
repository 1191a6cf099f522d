package io.chorus.harness.workload;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** What the pause tests do to a service: signal its processes, and count a line in its log to see it noticed. */
final class PausedProcesses {
    private PausedProcesses() {}

    /** Sends {@code kill -SIGNAL} to each pid and fails the test if one is refused. */
    static void signal(List<Long> pids, String signal) throws Exception {
        for (long pid : pids) {
            Process kill = new ProcessBuilder("kill", "-" + signal, Long.toString(pid))
                    .inheritIO()
                    .start();
            assertThat(kill.waitFor(10, TimeUnit.SECONDS) && kill.exitValue() == 0)
                    .as("kill -" + signal + " " + pid)
                    .isTrue();
        }
    }

    /** Lines of {@code log} containing {@code text}; 0 while the log does not exist yet. */
    static long occurrences(Path log, String text) {
        try (var lines = Files.lines(log)) {
            return lines.filter(l -> l.contains(text)).count();
        } catch (IOException | UncheckedIOException e) {
            return 0;
        }
    }
}
