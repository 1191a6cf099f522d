package io.chorus.harness.stack.unsyncedfs;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The process that serves {@link UnsyncedWriteFs} mounts: {@code java -cp harness.jar
 * io.chorus.harness.stack.unsyncedfs.UnsyncedWriteMounts BACKING=MOUNT...}. A process of its own, so that the mounts
 * outlive {@code harness up}; the stack stops it by PID at {@code harness down}, and SIGTERM unmounts each mount
 * before it exits (a SIGKILL leaves them to {@link Mounts#release}).
 */
public final class UnsyncedWriteMounts {
    /**
     * The kernel asks for a file's size and a name's existence on every use instead of trusting a cached answer:
     * after a drop, sizes shrink behind its back.
     */
    static final String[] OPTIONS = {"-o", "attr_timeout=0,entry_timeout=0,negative_timeout=0"};
    /**
     * Linux's own writeback, at its defaults: the flusher wakes every 5 s ({@code vm.dirty_writeback_centisecs})
     * and writes back files dirty for 30 s ({@code vm.dirty_expire_centisecs}). A power loss loses what was written
     * since, as on a host with those defaults, not every write since the last fsync (decision 0125).
     */
    static final Duration WRITE_BACK_EVERY = Duration.ofSeconds(5);

    static final Duration WRITE_BACK_AGE = Duration.ofSeconds(30);

    private UnsyncedWriteMounts() {}

    public static void main(String[] args) throws Exception {
        List<UnsyncedWriteFs> mounted = new CopyOnWriteArrayList<>();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> mounted.forEach(UnsyncedWriteFs::umount)));
        for (String pair : args) {
            int equals = pair.indexOf('=');
            if (equals < 0) {
                throw new IllegalArgumentException("expected BACKING=MOUNT, got " + pair);
            }
            Path backing = Path.of(pair.substring(0, equals));
            Path mount = Path.of(pair.substring(equals + 1));
            Files.createDirectories(backing);
            Files.createDirectories(mount);
            UnsyncedWriteFs fs = new UnsyncedWriteFs(backing);
            fs.mount(mount, false, false, OPTIONS);
            mounted.add(fs);
            System.out.println("mounted " + backing + " on " + mount
                    + " (unsynced writes held in memory, written back after " + WRITE_BACK_AGE.toSeconds() + " s)");
        }
        while (true) {
            Thread.sleep(WRITE_BACK_EVERY.toMillis());
            mounted.forEach(fs -> fs.writeBackOlderThan(WRITE_BACK_AGE));
        }
    }
}
