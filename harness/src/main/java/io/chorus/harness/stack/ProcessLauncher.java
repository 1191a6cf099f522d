package io.chorus.harness.stack;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Starts a run's processes in the background. Each gets its own session and process group ({@code setsid}), so it
 * outlives the harness that started it and a Ctrl-C at the terminal does not reach it; each carries the run's
 * tag in its environment; its output goes to its log file.
 */
public final class ProcessLauncher {
    private final RunFolder run;

    public ProcessLauncher(RunFolder run) {
        this.run = run;
    }

    public Process start(String component, List<String> command, Map<String, String> environment, Path workDir) {
        List<String> argv = new ArrayList<>();
        argv.add("setsid");
        argv.addAll(command);
        ProcessBuilder builder = new ProcessBuilder(argv)
                .directory(workDir.toFile())
                .redirectErrorStream(true)
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                .redirectOutput(
                        ProcessBuilder.Redirect.appendTo(run.log(component).toFile()));
        builder.environment().putAll(environment);
        builder.environment().put(ProcessTable.TAG_VARIABLE, run.processTag());
        try {
            Files.createDirectories(run.log(component).getParent());
            Files.createDirectories(workDir);
            return builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + component + ": " + String.join(" ", command), e);
        }
    }
}
