package io.chorus.harness.stack;

import io.chorus.harness.stack.health.Health;
import io.chorus.harness.stack.health.HealthProbe;
import io.chorus.harness.stack.unsyncedfs.Mounts;
import io.chorus.harness.stack.unsyncedfs.UnsyncedWriteMounts;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

/**
 * Where the NATS nodes of a run store. On the disk, each node's store is {@code data/nats-N} of the run folder. On
 * the unsynced-write filesystem (decision 0125), that folder is a mount whose files live in
 * {@code data/nats-storage/nats-N}, served by one process of the stack, the component {@value #COMPONENT}.
 */
public final class NatsStorage {
    public static final String COMPONENT = "nats-storage";

    private NatsStorage() {}

    /** The folder a node's {@code store_dir} names (a mount on the unsynced-write filesystem). */
    public static Path store(Path runDir, String node) {
        return runDir.resolve("data").resolve(node);
    }

    /** The mounts of a stack: every node's store when its shape puts them on the unsynced-write filesystem. */
    public static List<Path> mounts(Path runDir, StackShape shape) {
        if (shape == null || !shape.natsOnUnsyncedWriteFs()) {
            return List.of();
        }
        return IntStream.rangeClosed(1, shape.natsNodes())
                .mapToObj(i -> store(runDir, "nats-" + i))
                .toList();
    }

    /** The command line of the process that serves every node's mount, with this harness's own classes. */
    static List<String> command(Path java, Path runDir, StackShape shape) {
        List<String> command = new ArrayList<>(List.of(
                java.toString(),
                "-Xms64m",
                "-Xmx512m",
                "-XX:+UseSerialGC",
                "-XX:+ExitOnOutOfMemoryError",
                "-cp",
                System.getProperty("java.class.path"),
                UnsyncedWriteMounts.class.getName()));
        for (Path mount : mounts(runDir, shape)) {
            Path backing = runDir.resolve("data")
                    .resolve(COMPONENT)
                    .resolve(mount.getFileName().toString());
            command.add(backing + "=" + mount);
        }
        return command;
    }

    /** Healthy while every node's store is mounted. */
    public static HealthProbe probe(Path runDir, StackShape shape) {
        List<Path> mounts = mounts(runDir, shape);
        return () -> {
            List<Path> missing =
                    mounts.stream().filter(m -> !Mounts.isMounted(m)).toList();
            return missing.isEmpty()
                    ? Health.ok(COMPONENT, mounts.size() + " unsynced-write mounts")
                    : Health.failing(COMPONENT, "not mounted: " + missing);
        };
    }
}
