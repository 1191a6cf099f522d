package io.chorus.harness.stack;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A short system command the stack needs while it prepares (id, useradd, chown, cp): run to completion, its output
 * discarded, its exit code the answer. One that overruns is killed and waited for, so none outlives the step.
 */
final class SystemCommand {
    private SystemCommand() {}

    /** @return the exit code, or -1 when it could not start, overran {@code timeout} or was interrupted */
    static int exitCode(List<String> command, Duration timeout) {
        try {
            Process p = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .start();
            if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                p.destroyForcibly().waitFor();
                return -1;
            }
            return p.exitValue();
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }
}
