package io.chorus.harness.stack.containers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.chorus.harness.stack.engines.MissingPrerequisite;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ContainerRuntimeTest {
    @Test
    void noVariableAndNoSocketIsAOneLineRefusal() {
        ContainerRuntime none = new ContainerRuntime(Map.of("HOME", "/home/someone")::get, socket -> false);

        assertThat(none.locate()).isEmpty();
        assertThatThrownBy(none::require)
                .isInstanceOf(MissingPrerequisite.class)
                .hasMessageStartingWith("--stack containers needs a Docker engine and none was found")
                .hasMessageContaining("/var/run/docker.sock")
                .hasMessageContaining("/home/someone/.docker/run/docker.sock")
                .hasMessageNotContaining("\n");
    }

    @Test
    void dockerHostIsTakenAsItIs() {
        ContainerRuntime remote = new ContainerRuntime(Map.of("DOCKER_HOST", "tcp://10.0.0.5:2376")::get, s -> false);

        assertThat(remote.require()).isEqualTo("tcp://10.0.0.5:2376");
    }

    @Test
    void aRootlessSocketIsFound() {
        Path rootless = Path.of("/run/user/1000/docker.sock");
        ContainerRuntime runtime =
                new ContainerRuntime(Map.of("XDG_RUNTIME_DIR", "/run/user/1000")::get, rootless::equals);

        assertThat(runtime.locate()).contains("unix:///run/user/1000/docker.sock");
    }
}
