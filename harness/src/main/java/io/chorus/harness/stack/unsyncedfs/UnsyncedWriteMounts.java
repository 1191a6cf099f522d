package io.chorus.harness.stack.unsyncedfs;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;

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

    private UnsyncedWriteMounts() {
    }

    public static void main(String[] args) throws Exception {
        List<UnsyncedWriteFs> mounted = new ArrayList<>();
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
            System.out.println("mounted " + backing + " on " + mount + " (unsynced writes held in memory)");
        }
        new CountDownLatch(1).await();
    }
}
