package io.chorus.harness.stack.unsyncedfs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.quicktheories.core.Gen;

/**
 * Property-based, through the mount: after any sequence of writes, fsyncs, truncates and drops on a few files,
 * every file reads as a simple model says (what was written), and its backing file holds exactly what the model
 * calls durable (what was synced or truncated); a drop turns the first into the second.
 */
class UnsyncedWriteFsPropertiesTest {
    private static final int FILES = 3;
    private static final Gen<Step> STEP = integers()
            .between(0, 99)
            .zip(
                    integers().between(0, FILES - 1),
                    integers().between(0, 3 * UnsyncedFile.PAGE),
                    integers().between(1, 2 * UnsyncedFile.PAGE + 100),
                    Step::of);

    @TempDir
    static Path root;

    static MountedFs fs;
    static final AtomicInteger examples = new AtomicInteger();

    @BeforeAll
    static void mount() throws IOException {
        fs = new MountedFs(root);
    }

    @AfterAll
    static void unmount() {
        fs.close();
    }

    @Test
    void everyFileReadsAsWrittenAndKeepsWhatWasSyncedThroughADrop() {
        qt().withExamples(60).forAll(lists().of(STEP).ofSizeBetween(1, 30)).checkAssert(steps -> {
            String folder = "example-" + examples.incrementAndGet();
            Model model = new Model();
            try {
                Files.createDirectories(fs.mount.resolve(folder));
                for (int f = 0; f < FILES; f++) {
                    Files.write(fs.mount.resolve(folder).resolve("f" + f), new byte[0]);
                }
                for (Step step : steps) {
                    step.apply(fs, fs.mount.resolve(folder));
                    step.apply(model);
                    for (int f = 0; f < FILES; f++) {
                        assertThat(Files.readAllBytes(fs.mount.resolve(folder).resolve("f" + f)))
                                .as("f%d read after %s", f, steps)
                                .isEqualTo(model.visible[f]);
                        assertThat(Files.readAllBytes(fs.backing.resolve(folder).resolve("f" + f)))
                                .as("f%d on the backing folder after %s", f, steps)
                                .isEqualTo(model.durable[f]);
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    /** What a file holds as readers see it, and what a power loss leaves of it. */
    static final class Model {
        final byte[][] visible = new byte[FILES][0];
        final byte[][] durable = new byte[FILES][0];
    }

    /** One operation: write (most), fsync, truncate (applied to both sides at once) or a drop of the mount. */
    record Step(String kind, int file, int offset, int length, byte fill) {
        static Step of(int pick, int file, int offset, int length) {
            String kind = pick < 55 ? "write" : pick < 80 ? "sync" : pick < 92 ? "truncate" : "drop";
            return new Step(kind, file, offset, length, (byte) (pick + offset));
        }

        void apply(MountedFs mounted, Path folder) throws IOException {
            Path file = folder.resolve("f" + this.file);
            switch (kind) {
                case "write" -> {
                    try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
                        ByteBuffer data = ByteBuffer.wrap(bytes());
                        long at = offset;
                        while (data.hasRemaining()) {
                            at += channel.write(data, at);
                        }
                    }
                }
                case "sync" -> {
                    try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
                        channel.force(false);
                    }
                }
                case "truncate" -> {
                    try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
                        raf.setLength(offset);
                    }
                }
                default -> mounted.drop();
            }
        }

        void apply(Model model) {
            switch (kind) {
                case "write" -> {
                    byte[] old = model.visible[file];
                    byte[] grown = Arrays.copyOf(old, Math.max(old.length, offset + length));
                    System.arraycopy(bytes(), 0, grown, offset, length);
                    model.visible[file] = grown;
                }
                case "sync" -> model.durable[file] = model.visible[file].clone();
                case "truncate" -> {
                    model.visible[file] = Arrays.copyOf(model.visible[file], offset);
                    model.durable[file] = Arrays.copyOf(model.durable[file], offset);
                }
                default -> {
                    for (int f = 0; f < FILES; f++) {
                        model.visible[f] = model.durable[f].clone();
                    }
                }
            }
        }

        private byte[] bytes() {
            byte[] data = new byte[length];
            for (int i = 0; i < length; i++) {
                data[i] = (byte) (fill + i * 7);
            }
            return data;
        }

        @Override
        public String toString() {
            return switch (kind) {
                case "write" -> "write f" + file + " [" + offset + ", " + (offset + length) + ")";
                case "sync" -> "fsync f" + file;
                case "truncate" -> "truncate f" + file + " to " + offset;
                default -> "drop";
            };
        }
    }
}
