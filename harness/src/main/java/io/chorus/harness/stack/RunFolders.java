package io.chorus.harness.stack;

import io.chorus.harness.stack.StackDescription.State;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/** All run folders of one checkout: creates new ones, finds the most recent, and finds orphans. */
public final class RunFolders {
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss");
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Path root;
    private final ProcessTable processes;

    public RunFolders(Path root, ProcessTable processes) {
        this.root = root;
        this.processes = processes;
    }

    public RunFolder create(String prefix) {
        byte[] suffix = new byte[3];
        RANDOM.nextBytes(suffix);
        String id = prefix + "-" + LocalDateTime.now(ZoneId.systemDefault()).format(STAMP) + "-"
                + HexFormat.of().formatHex(suffix);
        try {
            Path dir = Files.createDirectories(root.resolve(id));
            return new RunFolder(dir.toAbsolutePath().normalize());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public List<RunFolder> all() {
        if (!Files.isDirectory(root)) {
            return List.of();
        }
        try (Stream<Path> dirs = Files.list(root)) {
            return dirs.filter(d -> Files.isRegularFile(d.resolve("stack.json")))
                    .map(d -> new RunFolder(d.toAbsolutePath().normalize()))
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The most recently created stack of this checkout, whatever its state. */
    public Optional<RunFolder> latest() {
        return all().stream()
                .filter(f -> f.read().isPresent())
                .max(Comparator.comparing(f -> f.read().orElseThrow().createdAt()));
    }

    /**
     * Stacks whose owning harness died without letting go of them: still starting or stopping, or up but never
     * detached, while the owner process is gone.
     */
    public List<RunFolder> orphans() {
        return all().stream()
                .filter(f -> f.read().map(this::isOrphan).orElse(false))
                .toList();
    }

    boolean isOrphan(StackDescription stack) {
        boolean live = stack.state() == State.STARTING || stack.state() == State.UP || stack.state() == State.STOPPING;
        boolean abandoned = stack.state() != State.UP || !stack.owner().detached();
        return live && abandoned && !processes.isAlive(stack.owner().pid());
    }
}
