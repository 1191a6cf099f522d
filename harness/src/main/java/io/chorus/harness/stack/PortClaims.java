package io.chorus.harness.stack;

import io.chorus.harness.stack.StackDescription.State;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Ports claimed by the runs on this machine, whichever checkout they come from. A run's ports are claimed
 * before its processes bind them, so two stacks starting at the same moment never pick the same port. A claim
 * lapses when its run folder says the stack is down (or is gone).
 */
public final class PortClaims {
    private final Path dir;

    public PortClaims(Path dir) {
        this.dir = dir;
    }

    public static PortClaims machineWide() {
        return new PortClaims(Path.of(System.getProperty("java.io.tmpdir"), "chorus-ports"));
    }

    /** Allocates ports for {@code run} with {@code plan} and claims all of them, under a machine-wide lock. */
    public <T> T claim(RunFolder run, Function<PortAllocator, T> plan) {
        try {
            Files.createDirectories(dir);
            try (FileChannel channel =
                            FileChannel.open(dir.resolve("lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                    FileLock ignored = channel.lock()) {
                PortAllocator allocator = new PortAllocator(PortAllocator::canBind, liveClaims(), new Random());
                T result = plan.apply(allocator);
                String ports =
                        allocator.handedOut().stream().map(String::valueOf).collect(Collectors.joining(" "));
                Files.writeString(claimFile(run), run.processTag() + "\n" + ports + "\n");
                return result;
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public void release(RunFolder run) {
        try {
            Files.deleteIfExists(claimFile(run));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Set<Integer> liveClaims() throws IOException {
        Set<Integer> taken = new HashSet<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".ports")).toList()) {
                List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
                if (lines.size() < 2 || !isLive(new RunFolder(Path.of(lines.get(0))))) {
                    Files.deleteIfExists(file);
                    continue;
                }
                Arrays.stream(lines.get(1).trim().split(" "))
                        .filter(s -> !s.isEmpty())
                        .map(Integer::parseInt)
                        .forEach(taken::add);
            }
        }
        return taken;
    }

    /** A run folder still being set up (no stack.json yet) holds its claim; a stopped or deleted one does not. */
    private static boolean isLive(RunFolder run) {
        if (!Files.isDirectory(run.dir())) {
            return false;
        }
        if (!Files.exists(run.stackJson())) {
            return true;
        }
        return run.read()
                .map(d -> d.state() != State.DOWN && d.state() != State.FAILED)
                .orElse(false);
    }

    private Path claimFile(RunFolder run) {
        try {
            byte[] hash =
                    MessageDigest.getInstance("SHA-256").digest(run.processTag().getBytes(StandardCharsets.UTF_8));
            return dir.resolve(HexFormat.of().formatHex(hash, 0, 12) + ".ports");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
