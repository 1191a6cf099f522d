package io.chorus.harness.stack.unsyncedfs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The unsynced-write filesystem mounted on a temporary folder: what a drop keeps and what it loses. */
class UnsyncedWriteFsTest {
    @TempDir
    static Path root;

    static MountedFs fs;

    @BeforeAll
    static void mount() throws IOException {
        fs = new MountedFs(root);
    }

    @AfterAll
    static void unmount() {
        fs.close();
    }

    @Test
    void aSyncedWriteSurvivesADrop() throws IOException {
        Path file = fs.mount.resolve("synced.txt");
        write(file, 0, "acknowledged", true);

        fs.drop();

        assertThat(Files.readString(file)).isEqualTo("acknowledged");
        assertThat(Files.readString(fs.backing.resolve("synced.txt"))).isEqualTo("acknowledged");
    }

    @Test
    void readsSeeUnsyncedWritesWhichStayOutOfTheBackingFileAndADropLosesThem() throws IOException {
        Path file = fs.mount.resolve("lazy.txt");
        write(file, 0, "synced|", true);
        write(file, 7, "unsynced", false);

        assertThat(Files.readString(file)).isEqualTo("synced|unsynced");
        assertThat(Files.size(file)).isEqualTo(15);
        assertThat(Files.readString(fs.backing.resolve("lazy.txt"))).isEqualTo("synced|");

        assertThat(fs.drop()).startsWith("dropped 4096 bytes of unsynced pages in 1 files");

        assertThat(Files.readString(file)).isEqualTo("synced|");
        assertThat(Files.size(file)).isEqualTo(7);
    }

    @Test
    void aFileCreatedButNeverSyncedIsThereAndEmptyAfterADrop() throws IOException {
        Path file = fs.mount.resolve("created.txt");
        write(file, 0, "never synced", false);

        fs.drop();

        assertThat(file).exists();
        assertThat(Files.size(file)).isZero();
    }

    @Test
    void closingAFileDoesNotSyncIt() throws IOException {
        Path file = fs.mount.resolve("closed.txt");
        Files.writeString(file, "written and closed");
        assertThat(Files.readString(file)).isEqualTo("written and closed");

        fs.drop();

        assertThat(Files.readString(file)).isEmpty();
    }

    @Test
    void renameCarriesTheUnsyncedPagesAndIsItselfDurable() throws IOException {
        Path temp = fs.mount.resolve("meta.tmp");
        Path target = fs.mount.resolve("meta.inf");
        write(temp, 0, "config", false);
        Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
        assertThat(Files.readString(target)).isEqualTo("config");

        fs.drop();

        assertThat(temp).doesNotExist();
        assertThat(target).exists();
        assertThat(Files.readString(target)).isEmpty();
    }

    @Test
    void truncateGoesThroughAtOnce() throws IOException {
        Path file = fs.mount.resolve("truncated.txt");
        write(file, 0, "0123456789", true);
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
            raf.setLength(4);
        }
        write(file, 4, "xy", false);
        assertThat(Files.readString(file)).isEqualTo("0123xy");

        fs.drop();

        assertThat(Files.readString(file)).isEqualTo("0123");
    }

    @Test
    void writebackOfExpiredFilesMakesTheirPagesSurviveADropAndLeavesYoungerOnes() throws IOException {
        Path old = fs.mount.resolve("written-back.txt");
        write(old, 0, "old enough", false);
        assertThat(fs.fs.writeBackOlderThan(java.time.Duration.ofHours(1))).isZero();
        assertThat(fs.fs.writeBackOlderThan(java.time.Duration.ZERO)).isPositive();
        Path young = fs.mount.resolve("too-young.txt");
        write(young, 0, "too young", false);
        assertThat(fs.fs.writeBackOlderThan(java.time.Duration.ofHours(1))).isZero();

        fs.drop();

        assertThat(Files.readString(old)).isEqualTo("old enough");
        assertThat(Files.readString(young)).isEmpty();
    }

    @Test
    void filesWrittenAtOnceFromManyThreadsKeepExactlyWhatWasSynced() throws Exception {
        Files.createDirectories(fs.mount.resolve("many"));
        ExecutorService pool = Executors.newFixedThreadPool(8);
        List<Future<?>> writers = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            int n = i;
            writers.add(pool.submit(() -> {
                Path file = fs.mount.resolve("many/file-" + n);
                for (int block = 0; block < 50; block++) {
                    // every file syncs its first 20 blocks; the odd ones stop syncing there
                    write(file, block * 1000L, block(n, block), block < 20 || n % 2 == 0);
                }
                return null;
            }));
        }
        for (Future<?> writer : writers) {
            writer.get();
        }
        pool.shutdown();

        fs.drop();

        for (int n = 0; n < 8; n++) {
            int kept = n % 2 == 0 ? 50 : 20;
            StringBuilder expected = new StringBuilder();
            for (int block = 0; block < kept; block++) {
                expected.append(block(n, block));
            }
            assertThat(Files.readString(fs.mount.resolve("many/file-" + n)))
                    .as("file-" + n)
                    .isEqualTo(expected.toString());
        }
    }

    private static String block(int file, int block) {
        return String.valueOf((char) ('a' + file)).repeat(999) + (char) ('A' + block % 26);
    }

    static void write(Path file, long offset, String text, boolean sync) {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
            ByteBuffer data = ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8));
            long at = offset;
            while (data.hasRemaining()) {
                at += channel.write(data, at);
            }
            if (sync) {
                channel.force(false);
            }
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
