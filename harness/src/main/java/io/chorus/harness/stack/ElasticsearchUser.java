package io.chorus.harness.stack;

import io.chorus.harness.stack.engines.Engines;
import io.chorus.harness.stack.engines.MissingPrerequisite;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.List;

/**
 * Elasticsearch refuses to run as root. Under root it runs as a system user of its own (created once), and its
 * home and data must be reachable by that user: when the checkout sits in a folder others cannot enter (such as
 * root's home), they are placed under {@code /var/tmp/chorus-es} instead.
 */
final class ElasticsearchUser {
    static final String USER = "chorus-es";
    private static final Path OUTSIDE = Path.of("/var/tmp/chorus-es");

    private final boolean root;
    private final RunFolder run;
    private final Path home;

    private ElasticsearchUser(boolean root, RunFolder run, Path home) {
        this.root = root;
        this.run = run;
        this.home = home;
    }

    static ElasticsearchUser forThisProcess(RunFolder run, Path esHome) {
        return new ElasticsearchUser(isRoot(), run, esHome);
    }

    Path home() {
        if (!root || reachableByOthers(home)) {
            return home;
        }
        Path copy = OUTSIDE.resolve(home.getFileName());
        try {
            if (!Files.exists(copy.resolve(".installed"))) {
                Engines.deleteTree(copy);
                Files.createDirectories(OUTSIDE);
                run(List.of("cp", "-a", home.toString(), copy.toString()));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return copy;
    }

    Path dataDir() {
        if (!root || reachableByOthers(run.dir())) {
            return run.data("elasticsearch");
        }
        return OUTSIDE.resolve("runs").resolve(run.dir().getFileName());
    }

    List<String> commandPrefix() {
        if (!root) {
            return List.of();
        }
        ensureUser();
        return List.of("setpriv", "--reuid=" + USER, "--regid=" + USER, "--init-groups");
    }

    void own(Path dir) {
        if (root) {
            ensureUser();
            if (run(List.of("chown", "-R", USER + ":" + USER, dir.toString())) != 0) {
                throw new IllegalStateException("cannot give " + dir + " to the user " + USER);
            }
        }
    }

    void deleteOutsideData() throws IOException {
        Path dir = dataDir();
        if (!dir.startsWith(run.dir())) {
            Engines.deleteTree(dir);
        }
    }

    private static void ensureUser() {
        if (run(List.of("id", "-u", USER)) == 0) {
            return;
        }
        if (run(List.of(
                        "useradd",
                        "--system",
                        "--no-create-home",
                        "--user-group",
                        "--shell",
                        "/usr/sbin/nologin",
                        USER))
                != 0) {
            throw new MissingPrerequisite("Elasticsearch cannot run as root, and the system user '" + USER
                    + "' could not be created: create it (useradd --system " + USER + ") or run as another user");
        }
    }

    /** Whether a user other than the owner can enter every folder from / down to this one. */
    static boolean reachableByOthers(Path path) {
        for (Path p = path.toAbsolutePath(); p != null; p = p.getParent()) {
            try {
                if (Files.isDirectory(p)
                        && !Files.getPosixFilePermissions(p).contains(PosixFilePermission.OTHERS_EXECUTE)) {
                    return false;
                }
            } catch (IOException e) {
                return false;
            }
        }
        return true;
    }

    private static boolean isRoot() {
        try {
            return ((Integer) Files.getAttribute(Path.of("/proc/self"), "unix:uid")) == 0;
        } catch (IOException | UnsupportedOperationException e) {
            return false;
        }
    }

    private static int run(List<String> command) {
        return SystemCommand.exitCode(command, java.time.Duration.ofMinutes(2));
    }
}
