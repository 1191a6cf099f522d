package io.chorus.harness.stack;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Where the NATS nodes store, and how the process serving their mounts is started. */
class NatsStorageTest {
    private static final Path RUN = Path.of("/runs/stack-1");

    @Test
    void onTheDiskThereIsNoMountAndNoProcess() {
        assertThat(NatsStorage.mounts(RUN, StackShape.DEFAULT)).isEmpty();
        assertThat(StackShape.DEFAULT.natsOnUnsyncedWriteFs()).isFalse();
    }

    @Test
    void onTheUnsyncedWriteFilesystemEachNodesStoreIsAMountOverItsOwnBackingFolder() {
        StackShape shape = new StackShape(3, 1, 1, 2, null, null, StackShape.UNSYNCED_WRITE_FS);

        assertThat(NatsStorage.mounts(RUN, shape))
                .containsExactly(RUN.resolve("data/nats-1"), RUN.resolve("data/nats-2"), RUN.resolve("data/nats-3"));
        List<String> command = NatsStorage.command(Path.of("/jdk/bin/java"), RUN, shape);
        assertThat(command.get(0)).isEqualTo("/jdk/bin/java");
        assertThat(command).contains("io.chorus.harness.stack.unsyncedfs.UnsyncedWriteMounts");
        assertThat(command.subList(command.size() - 3, command.size()))
                .containsExactly(
                        "/runs/stack-1/data/nats-storage/nats-1=/runs/stack-1/data/nats-1",
                        "/runs/stack-1/data/nats-storage/nats-2=/runs/stack-1/data/nats-2",
                        "/runs/stack-1/data/nats-storage/nats-3=/runs/stack-1/data/nats-3");
        // the node's store_dir is the mount, so the node's config does not change with the storage
        assertThat(NatsStorage.store(RUN, "nats-2")).isEqualTo(RUN.resolve("data/nats-2"));
    }

    @Test
    void theStorageIsKeptWhenTheLinksAreChosen() {
        StackShape shape = new StackShape(3, 1, 1, 2, "always", null, StackShape.UNSYNCED_WRITE_FS);
        assertThat(shape.withLinks(StackShape.PROXIED).natsOnUnsyncedWriteFs()).isTrue();
    }
}
