package io.chorus.harness.stack;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.dropwizard.jackson.Jackson;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;

/**
 * One stack's own folder: {@code stack.json}, generated configs, engine data and every process's log. Each run
 * gets a new one, so runs never share state or files.
 */
public record RunFolder(Path dir) {
    public static final ObjectMapper JSON = Jackson.newObjectMapper()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

    public Path stackJson() {
        return dir.resolve("stack.json");
    }

    public Path config(String file) {
        return dir.resolve("config").resolve(file);
    }

    public Path data(String component) {
        return dir.resolve("data").resolve(component);
    }

    public Path log(String component) {
        return dir.resolve("logs").resolve(component + ".log");
    }

    /** The tag every process of this run carries in its environment, so it can be found again by anyone. */
    public String processTag() {
        return dir.toAbsolutePath().normalize().toString();
    }

    public Optional<StackDescription> read() {
        if (!Files.isRegularFile(stackJson())) {
            return Optional.empty();
        }
        try {
            return Optional.of(JSON.readValue(stackJson().toFile(), StackDescription.class));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** Replaces {@code stack.json} atomically, so a reader never sees half a file. */
    public synchronized void write(StackDescription description) {
        try {
            Files.createDirectories(dir);
            Path tmp = dir.resolve("stack.json.tmp");
            JSON.writeValue(tmp.toFile(), description);
            Files.move(tmp, stackJson(), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public void writeFile(Path file, String content) {
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, content);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The last lines of a component's log, to say why it failed. */
    public String logTail(String component, int lines) {
        try {
            var all = Files.readAllLines(log(component));
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException | UncheckedIOException e) {
            return "(no log at " + log(component) + ")";
        }
    }
}
