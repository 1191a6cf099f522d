package io.chorus.harness.stack.unsyncedfs;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The outside of {@link UnsyncedWriteFs} mounts, as the stack and the nemesis use them: whether a folder is
 * mounted (the kernel's own list), the drop of a mount's unsynced writes (through its control file), and the
 * release of a mount whose process is gone.
 */
public final class Mounts {
    private static final Path MOUNT_TABLE = Path.of("/proc/self/mounts");

    private Mounts() {}

    /** Whether a FUSE filesystem is mounted on {@code folder}. */
    public static boolean isMounted(Path folder) {
        String target = folder.toAbsolutePath().normalize().toString();
        try {
            return Files.readAllLines(MOUNT_TABLE).stream()
                    .map(line -> line.split(" "))
                    .anyMatch(f -> f.length > 2 && f[1].equals(target) && f[2].startsWith("fuse"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Waits until every folder is mounted, or fails after {@code timeout}. */
    public static void awaitMounted(List<Path> folders, Duration timeout) {
        Instant deadline = Instant.now().plus(timeout);
        while (!folders.stream().allMatch(Mounts::isMounted)) {
            if (Instant.now().isAfter(deadline)) {
                throw new IllegalStateException("not mounted within " + timeout.toSeconds() + " s: "
                        + folders.stream().filter(f -> !isMounted(f)).toList());
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for mounts", e);
            }
        }
    }

    /** Drops every unsynced write of the mount on {@code folder}; returns what the filesystem says it dropped. */
    public static String dropUnsyncedWrites(Path folder) {
        if (!isMounted(folder)) {
            throw new IllegalStateException(folder + " is not an unsynced-write mount");
        }
        Path control = folder.resolve(UnsyncedWriteFs.CONTROL);
        try {
            Files.writeString(control, "drop\n", StandardCharsets.UTF_8);
            return Files.readString(control, StandardCharsets.UTF_8).trim();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot drop the unsynced writes of " + folder, e);
        }
    }

    /**
     * Unmounts {@code folder} if it is still mounted: a mount whose process was killed answers every call with
     * an error until it is unmounted (lazily, so a process still inside it does not keep it).
     */
    public static void release(Path folder) {
        if (!isMounted(folder)) {
            return;
        }
        try {
            Process unmount = new ProcessBuilder(
                            "fusermount", "-u", "-z", folder.toAbsolutePath().toString())
                    .redirectErrorStream(true)
                    .start();
            String output = new String(unmount.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            boolean failed = !unmount.waitFor(30, TimeUnit.SECONDS) || unmount.exitValue() != 0;
            // its own process may have unmounted it meanwhile (it does on SIGTERM): only a mount left is a failure
            if (failed && isMounted(folder)) {
                throw new IllegalStateException("fusermount -u -z " + folder + " failed: " + output.trim());
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run fusermount (Debian: apt-get install fuse)", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while unmounting " + folder, e);
        }
    }
}
