package io.chorus.harness.stack;

import io.chorus.harness.stack.health.Health;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * Someone else's running stack, known by its description ({@code --stack external --stack-file stack.json}, or a
 * test's shared stack): {@link #up()} only returns the description, {@link #down()} never stops anything.
 */
public final class ExternalStack implements Stack {
    private final StackDescription description;

    public ExternalStack(StackDescription description) {
        this.description = description;
    }

    /** Reads a {@code stack.json}; a clear error naming the file when it is not one. */
    public static ExternalStack read(Path stackFile) {
        try {
            return new ExternalStack(RunFolder.JSON.readValue(stackFile.toFile(), StackDescription.class));
        } catch (IOException e) {
            throw new IllegalArgumentException(
                    "cannot read a stack description from " + stackFile + ": " + e.getMessage(), e);
        }
    }

    @Override
    public StackDescription up() {
        return description;
    }

    @Override
    public List<Health> status() {
        return List.of();
    }

    @Override
    public void down() {
        // not ours to stop
    }
}
