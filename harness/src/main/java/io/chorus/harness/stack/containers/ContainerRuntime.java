package io.chorus.harness.stack.containers;

import io.chorus.harness.stack.engines.MissingPrerequisite;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;

/**
 * Where a Docker-compatible container engine answers, found before Testcontainers is asked: Testcontainers, finding
 * none, logs every strategy it tried with its stack trace, while the harness says in one line that there is none
 * (exit 2). Looked for where Testcontainers itself looks: {@code DOCKER_HOST}, a Testcontainers host override, the
 * engine's socket (rootful, rootless, Docker Desktop, Podman).
 */
public final class ContainerRuntime {
    private final UnaryOperator<String> environment;
    private final Predicate<Path> socketExists;

    public ContainerRuntime(UnaryOperator<String> environment, Predicate<Path> socketExists) {
        this.environment = environment;
        this.socketExists = socketExists;
    }

    /** This machine's environment and file system. */
    public static ContainerRuntime ofThisMachine() {
        return new ContainerRuntime(System::getenv, Files::exists);
    }

    /** Where the engine is: a {@code DOCKER_HOST}-style address; empty when nothing points at one. */
    public Optional<String> locate() {
        for (String variable : List.of("DOCKER_HOST", "TESTCONTAINERS_HOST_OVERRIDE")) {
            String value = environment.apply(variable);
            if (value != null && !value.isBlank()) {
                return Optional.of(value);
            }
        }
        return candidateSockets().stream().filter(socketExists).findFirst().map(socket -> "unix://" + socket);
    }

    /**
     * The engine's address, or {@link MissingPrerequisite} saying in one line that none was found (the harness
     * prints that line and exits 2).
     */
    public String require() {
        return locate().orElseThrow(() -> new MissingPrerequisite("--stack containers needs a Docker engine and none "
                + "was found (no DOCKER_HOST, no socket at "
                + String.join(
                        ", ", candidateSockets().stream().map(Path::toString).toList())
                + "): use --stack local, or run it where Docker runs"));
    }

    private List<Path> candidateSockets() {
        List<Path> sockets = new ArrayList<>(List.of(Path.of("/var/run/docker.sock")));
        String runtimeDir = environment.apply("XDG_RUNTIME_DIR");
        if (runtimeDir != null && !runtimeDir.isBlank()) {
            sockets.add(Path.of(runtimeDir, "docker.sock"));
            sockets.add(Path.of(runtimeDir, "podman", "podman.sock"));
        }
        String home = environment.apply("HOME");
        if (home != null && !home.isBlank()) {
            sockets.add(Path.of(home, ".docker", "run", "docker.sock"));
        }
        return sockets;
    }
}
