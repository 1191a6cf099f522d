package io.chorus.harness.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The raw JetStream publish rate of a stack's own NATS cluster, by {@code nats bench js pub async} on a scratch
 * stream with the scenario's replicas and message size: the ceiling that the backend's sustained send rate is
 * reported against (a send is one JetStream publish plus auth, validation and HTTP, so the ratio says what the
 * service layer costs). The stream is deleted afterwards so it takes no disk from the run.
 */
public final class JetStreamBaseline {
    static final String STREAM = "CHORUS_BENCH";
    static final String SUBJECT = "chorus.bench";
    private static final long TIMEOUT_SECONDS = 300;

    private final Path natsCli;
    private final Path workDir;

    public JetStreamBaseline(Path natsCli, Path workDir) {
        this.natsCli = natsCli;
        this.workDir = workDir;
    }

    /** @param command the command line that measured it, for the report */
    public record Result(double messagesPerSecond, String command) {}

    public Result measure(List<String> natsUrls, int replicas, int messageSize, long messages) {
        Path csv = workDir.resolve("nats-bench.csv");
        List<String> command = new ArrayList<>(List.of(
                natsCli.toString(),
                "-s",
                String.join(",", natsUrls),
                "bench",
                "js",
                "pub",
                "async",
                SUBJECT,
                "--stream",
                STREAM,
                "--create",
                "--purge",
                "--replicas",
                Integer.toString(replicas),
                "--size",
                messageSize + "B",
                "--msgs",
                Long.toString(messages),
                "--no-progress",
                "--csv",
                csv.toString()));
        try {
            run(command, "nats-bench.log");
            return new Result(rate(Files.readString(csv)), String.join(" ", command.subList(3, command.size())));
        } catch (IOException e) {
            throw new IllegalStateException("nats bench wrote no result: " + e.getMessage(), e);
        } finally {
            deleteStream(natsUrls);
        }
    }

    private void deleteStream(List<String> natsUrls) {
        try {
            run(
                    List.of(natsCli.toString(), "-s", String.join(",", natsUrls), "stream", "rm", STREAM, "-f"),
                    "nats-bench-cleanup.log");
        } catch (IllegalStateException e) {
            // the stream was never created (the bench failed first): nothing to delete
        }
    }

    private void run(List<String> command, String log) {
        try {
            Files.createDirectories(workDir);
            Process process = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(workDir.resolve(log).toFile())
                    .start();
            if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
                throw new IllegalStateException("nats bench took over " + TIMEOUT_SECONDS + " s; see " + log);
            }
            if (process.exitValue() != 0) {
                throw new IllegalStateException(command.get(3) + " exited " + process.exitValue() + "; see " + log);
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot run " + natsCli + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while nats bench ran", e);
        }
    }

    /** The summed {@code MsgsPerSec} of every publisher row of {@code nats bench --csv} output. */
    static double rate(String csv) {
        List<String> lines = csv.lines().filter(l -> !l.isBlank()).toList();
        if (lines.isEmpty() || !lines.get(0).startsWith("#")) {
            throw new IllegalStateException(
                    "not a nats bench CSV: " + csv.lines().findFirst().orElse("(empty)"));
        }
        List<String> header = List.of(lines.get(0).substring(1).split(","));
        int column = header.indexOf("MsgsPerSec");
        int client = header.indexOf("ClientID");
        if (column < 0 || client < 0) {
            throw new IllegalStateException("nats bench CSV has no MsgsPerSec column: " + lines.get(0));
        }
        double total = 0;
        for (String line : lines.subList(1, lines.size())) {
            String[] cells = line.split(",");
            if (cells[client].startsWith("P")) {
                total += Double.parseDouble(cells[column]);
            }
        }
        if (total <= 0) {
            throw new IllegalStateException("nats bench CSV has no publisher rows");
        }
        return total;
    }
}
