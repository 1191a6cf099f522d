package io.chorus.harness.stack;

import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The checkout the harness runs from: where the service jars are built, where engines are installed
 * ({@code .chorus/tools}) and where run folders live ({@code .chorus/runs}). Both are git-ignored.
 */
public record ChorusHome(Path root) {

    /** From {@code -Dchorus.home}, {@code CHORUS_HOME}, or the folder above the harness jar. */
    public static ChorusHome locate() {
        String configured = System.getProperty("chorus.home", System.getenv("CHORUS_HOME"));
        if (configured != null && !configured.isBlank()) {
            return new ChorusHome(Path.of(configured).toAbsolutePath().normalize());
        }
        try {
            Path jar = Path.of(ChorusHome.class
                    .getProtectionDomain()
                    .getCodeSource()
                    .getLocation()
                    .toURI());
            for (Path dir = jar; dir != null; dir = dir.getParent()) {
                if (Files.isRegularFile(dir.resolve("mvnw")) && Files.isDirectory(dir.resolve("services"))) {
                    return new ChorusHome(dir);
                }
            }
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
        throw new IllegalStateException("cannot find the Chorus checkout: set CHORUS_HOME");
    }

    public Path tools() {
        return root.resolve(".chorus/tools");
    }

    public Path runs() {
        return root.resolve(".chorus/runs");
    }

    public Path mavenWrapper() {
        return root.resolve("mvnw");
    }

    /** The runnable jar a service module builds, e.g. {@code services/command/target/command.jar}. */
    public Path serviceJar(String module) {
        return root.resolve("services").resolve(module).resolve("target").resolve(module + ".jar");
    }
}
