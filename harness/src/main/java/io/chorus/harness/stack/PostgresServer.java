package io.chorus.harness.stack;

import io.chorus.harness.stack.engines.Engines;
import io.chorus.harness.stack.engines.MissingPrerequisite;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The PostgreSQL that FerretDB stores the stack's metadata in (decision 0012): a cluster of its own per run,
 * created with {@code initdb} in the run's data folder, listening on the run's port on loopback only (no Unix
 * socket), trusted local connections as the user {@link #USER}. PostgreSQL refuses to run as root, so under root it
 * runs as the system user {@code postgres} that the Debian package creates; its data then sits where that user can
 * reach it ({@code /var/tmp/chorus-pg/<run>} when the run folder is closed to others).
 *
 * <p>{@code fsync=off}: the data dies with the run, and a killed PostgreSQL (a chaos test) still loses nothing,
 * since every commit has been written to the kernel; only a crash of the machine could lose the tail.
 *
 * <p>Right after {@code initdb}, {@value #GIN_INDEXES} is run in single-user mode (decision 0014): an event trigger
 * that gives every B-tree FerretDB creates a GIN twin PostgreSQL can use for the {@code @>} filters FerretDB sends.
 */
final class PostgresServer {
    static final String USER = "chorus";
    private static final String OS_USER = "postgres";
    private static final Path OUTSIDE = Path.of("/var/tmp/chorus-pg");
    static final String GIN_INDEXES = "ferretdb-gin-indexes.sql";

    private final RunFolder run;
    private final Path bin;
    private final boolean root;

    PostgresServer(RunFolder run, Path bin) {
        this.run = run;
        this.bin = bin;
        this.root = isRoot();
    }

    /** The URL FerretDB's PostgreSQL handler connects with; the {@code postgres} database exists after initdb. */
    static String url(int port) {
        return "postgres://" + USER + "@127.0.0.1:" + port + "/postgres";
    }

    /** Creates the cluster (once per run); returns the command that runs it in the foreground. */
    List<String> prepare(int port) {
        Path data = dataDir();
        try {
            Files.createDirectories(data.getParent());
            if (!Files.exists(data.resolve("PG_VERSION"))) {
                Engines.deleteTree(data);
                Files.createDirectories(data);
                if (root) {
                    requireOsUser();
                    chown(data.getParent());
                }
                List<String> initdb = new ArrayList<>(prefix());
                initdb.addAll(List.of(
                        bin.resolve("initdb").toString(),
                        "-D",
                        data.toString(),
                        "-U",
                        USER,
                        "--auth=trust",
                        "-E",
                        "UTF8",
                        "--no-instructions"));
                runToEnd(initdb, null);
                List<String> single = new ArrayList<>(prefix());
                single.addAll(List.of(
                        bin.resolve("postgres").toString(), "--single", "-j", "-D", data.toString(), "postgres"));
                runToEnd(single, ginIndexesSql());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<String> command = new ArrayList<>(prefix());
        command.addAll(List.of(
                bin.resolve("postgres").toString(),
                "-D",
                data.toString(),
                "-p",
                Integer.toString(port),
                "-c",
                "listen_addresses=127.0.0.1",
                "-c",
                "unix_socket_directories=",
                "-c",
                "fsync=off",
                "-c",
                "full_page_writes=off",
                "-c",
                "max_connections=200"));
        return command;
    }

    void deleteOutsideData() throws IOException {
        Path data = dataDir();
        if (!data.startsWith(run.dir())) {
            Engines.deleteTree(data.getParent());
        }
    }

    private Path dataDir() {
        if (!root || ElasticsearchUser.reachableByOthers(run.dir())) {
            return run.data("postgres").resolve("cluster");
        }
        return OUTSIDE.resolve(run.dir().getFileName()).resolve("cluster");
    }

    private List<String> prefix() {
        return root ? List.of("setpriv", "--reuid=" + OS_USER, "--regid=" + OS_USER, "--init-groups") : List.of();
    }

    private static void requireOsUser() {
        if (exec(List.of("id", "-u", OS_USER)) != 0) {
            throw new MissingPrerequisite("PostgreSQL cannot run as root, and there is no system user '" + OS_USER
                    + "': install the postgresql package (apt-get install postgresql), which creates it");
        }
    }

    private static void chown(Path dir) {
        if (exec(List.of("chown", "-R", OS_USER + ":" + OS_USER, dir.toString())) != 0) {
            throw new IllegalStateException("cannot give " + dir + " to the user " + OS_USER);
        }
    }

    /** The event trigger's SQL, copied into the run folder so that single-user PostgreSQL can read it as stdin. */
    private Path ginIndexesSql() throws IOException {
        Path sql = run.log("postgres-" + GIN_INDEXES);
        try (var in = PostgresServer.class.getResourceAsStream(GIN_INDEXES)) {
            if (in == null) {
                throw new IllegalStateException(GIN_INDEXES + " is missing from the harness jar");
            }
            Files.copy(in, sql, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }
        return sql;
    }

    private void runToEnd(List<String> command, Path stdin) throws IOException {
        Path log = run.log("postgres-initdb");
        Files.createDirectories(log.getParent());
        try {
            ProcessBuilder builder = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
            if (stdin != null) {
                builder.redirectInput(stdin.toFile());
            }
            Process p = builder.start();
            if (!p.waitFor(2, TimeUnit.MINUTES) || p.exitValue() != 0) {
                p.destroyForcibly();
                throw new StackFailure("initdb failed; the end of " + log + ":\n" + run.logTail("postgres-initdb", 15));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StackFailure("interrupted while running initdb", e);
        }
    }

    private static int exec(List<String> command) {
        return SystemCommand.exitCode(command, java.time.Duration.ofMinutes(1));
    }

    private static boolean isRoot() {
        try {
            return ((Integer) Files.getAttribute(Path.of("/proc/self"), "unix:uid")) == 0;
        } catch (IOException | UnsupportedOperationException e) {
            return false;
        }
    }
}
