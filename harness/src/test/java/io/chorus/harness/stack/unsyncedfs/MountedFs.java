package io.chorus.harness.stack.unsyncedfs;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/** An {@link UnsyncedWriteFs} mounted in this JVM on a temporary folder, over a backing folder, for a test class. */
final class MountedFs implements AutoCloseable {
    final Path backing;
    final Path mount;
    final UnsyncedWriteFs fs;

    MountedFs(Path root) throws IOException {
        backing = Files.createDirectories(root.resolve("backing"));
        mount = Files.createDirectories(root.resolve("mount"));
        fs = new UnsyncedWriteFs(backing);
        fs.mount(mount, false, false, UnsyncedWriteMounts.OPTIONS);
        Mounts.awaitMounted(List.of(mount), Duration.ofSeconds(20));
    }

    String drop() {
        return Mounts.dropUnsyncedWrites(mount);
    }

    @Override
    public void close() {
        fs.umount();
        Mounts.release(mount);
    }
}
