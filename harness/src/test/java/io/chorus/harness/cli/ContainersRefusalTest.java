package io.chorus.harness.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.chorus.harness.Harness;
import io.chorus.harness.stack.containers.ContainerRuntime;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** Where no container engine is found, {@code --stack containers} says so in one line and exits 2. */
class ContainersRefusalTest {
    private static final Path REPOSITORY = Path.of(System.getProperty("chorus.home", ".."));
    private static final ContainerRuntime NO_ENGINE = new ContainerRuntime(Map.<String, String>of()::get, s -> false);

    private static String[] execute(Object command, String... args) {
        StringWriter err = new StringWriter();
        CommandLine cli = Harness.commandLine(command);
        cli.setErr(new PrintWriter(err, true));
        int exit = cli.execute(args);
        return new String[] {String.valueOf(exit), err.toString()};
    }

    @Test
    void upWithContainersAndNoEngineExits2WithOneLine() {
        String[] result = execute(up(), "--stack", "containers");

        assertThat(result[0]).isEqualTo("2");
        assertThat(result[1].lines())
                .singleElement()
                .asString()
                .startsWith("harness: --stack containers needs a Docker engine and none was found");
    }

    @Test
    void runWithContainersAndNoEngineExits2WithOneLineBeforeAnyReport() {
        String[] result = execute(
                run(),
                REPOSITORY.resolve("scenarios/smoke.yaml").toString(),
                "--stack",
                "containers",
                "--out",
                REPOSITORY.resolve("harness/target/containers-refusal").toString());

        assertThat(result[0]).isEqualTo("2");
        assertThat(result[1].lines())
                .singleElement()
                .asString()
                .startsWith("harness: --stack containers needs a Docker engine and none was found");
        assertThat(REPOSITORY.resolve("harness/target/containers-refusal")).doesNotExist();
    }

    @Test
    void aScenarioWhoseStackProviderIsContainersIsRefusedTheSameWayWithoutStackOnTheCommandLine() throws Exception {
        Path scenario = Files.createTempFile("containers-provider", ".yaml");
        try {
            Files.writeString(
                    scenario,
                    Files.readString(REPOSITORY.resolve("scenarios/smoke.yaml"))
                            .replace("stack:\n", "stack:\n  provider: containers\n"));
            String[] result = execute(
                    run(),
                    scenario.toString(),
                    "--out",
                    REPOSITORY.resolve("harness/target/containers-refusal").toString());

            assertThat(result[0]).isEqualTo("2");
            assertThat(result[1]).startsWith("harness: --stack containers needs a Docker engine");
            assertThat(REPOSITORY.resolve("harness/target/containers-refusal")).doesNotExist();
        } finally {
            Files.delete(scenario);
        }
    }

    private static UpCommand up() {
        UpCommand up = new UpCommand();
        up.containerRuntime = NO_ENGINE;
        return up;
    }

    private static RunCommand run() {
        RunCommand run = new RunCommand();
        run.containerRuntime = NO_ENGINE;
        return run;
    }
}
