package io.chorus.harness.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class ScaleTest {
    static List<Path> shipped() throws Exception {
        try (Stream<Path> files = Files.list(Path.of("..", "scenarios", "production"))) {
            return files.filter(p -> p.toString().endsWith(".yaml")).sorted().toList();
        }
    }

    @ParameterizedTest
    @MethodSource("shipped")
    void everyShippedScaleFileReads(Path file) {
        Scale scale = Scale.read(file);

        assertThat(scale.rate()).isPositive();
        assertThat(scale.shape().sharedMachine()).isFalse();
    }

    @Test
    void aScaleFileMissingAComponentIsRefusedNamingIt() {
        Map<String, Object> yaml =
                Map.of("name", "x", "components", Map.of("command", Map.of("instances", 2, "cores", 1)));

        assertThatThrownBy(() -> Scale.of(yaml))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("nats");
    }

    private static Scale scale(int commandInstances, int notificationInstances) {
        Map<String, Scale.Component> c = new java.util.HashMap<>();
        for (String role : Scale.ROLES) {
            c.put(role, new Scale.Component(1, 1));
        }
        c.put(Calibration.COMMAND, new Scale.Component(commandInstances, 2));
        c.put(Calibration.NOTIFICATION, new Scale.Component(notificationInstances, 1));
        return new Scale("t", 100.0, 50, c, Hops.NONE, null, null);
    }

    private static final Map<String, Double> COSTS = Map.of(
            Calibration.COMMAND, 10_000.0,
            Calibration.JETSTREAM, 100.0,
            Calibration.FANOUT, 100.0,
            Calibration.NOTIFICATION, 100.0);

    @Test
    void theCommandServicesInstancesShareItsLoad() {
        Calibration c = new Calibration(COSTS, 1, 1);
        // 100 msg/s x 10 ms = 1 core: 50% of one 2-core instance, 10% of five
        ChatPaths.Prediction one = new ChatPaths(1, c, scale(1, 2).shape(), Hops.NONE).run(100, 50);
        ChatPaths.Prediction five = new ChatPaths(1, c, scale(5, 2).shape(), Hops.NONE).run(100, 50);

        assertThat(utilisation(one, Calibration.COMMAND)).isCloseTo(0.5, within(0.05));
        assertThat(utilisation(five, Calibration.COMMAND)).isCloseTo(0.1, within(0.02));
        assertThat(five.send().p95()).isLessThan(one.send().p95());
    }

    @Test
    void aHundredInstancesAreRepresentedBySomeAndEveryPublishIsCounted() {
        Calibration c = new Calibration(COSTS, 100, 1_000);
        ChatPaths.Prediction p = new ChatPaths(2, c, scale(1, 100).shape(), Hops.NONE).run(20, 50);

        assertThat(p.publishesPerMessage()).isEqualTo(100.0);
        assertThat(p.stations().stream().filter(s -> s.name().startsWith("notification-")))
                .hasSize(ChatPaths.REPRESENTED_INSTANCES)
                // each instance writes 10 frames per publish at 100 us: 20 publishes/s x 1 ms = 2% of its core
                .allSatisfy(s -> assertThat(s.utilisation()).isCloseTo(0.02, within(0.01)));
        assertThat(p.delivery().count()).isEqualTo(p.messages() * ChatPaths.REPRESENTED_INSTANCES);
    }

    @Test
    void simulateWithAScaleFileWritesAJudgedProjection(@org.junit.jupiter.api.io.TempDir Path out) throws Exception {
        int exit = new picocli.CommandLine(new io.chorus.harness.cli.SimulateCommand())
                .execute(
                        "../scenarios/smoke.yaml",
                        "--calibration",
                        "../scenarios/production/calibration-smoke.json",
                        "--scale",
                        "../scenarios/production/small.yaml",
                        "--out",
                        out.toString());

        com.fasterxml.jackson.databind.JsonNode report = new com.fasterxml.jackson.databind.ObjectMapper()
                .readTree(out.resolve("report.json").toFile());
        assertThat(exit).as("0 or 1: a projection judged, whatever its verdict").isLessThan(2);
        assertThat(report.path("kind").asText()).isEqualTo("simulation");
        assertThat(report.path("model").path("shape").path("sharedMachine").asBoolean())
                .isFalse();
        assertThat(report.path("steps").path(0).path("rate").asDouble()).isEqualTo(100.0); // the scale file's
        assertThat(report.path("metrics").path("fanout.publishes_per_message").asDouble())
                .isCloseTo(1.45, within(0.001));
        assertThat(report.path("slos")).isNotEmpty();
    }

    private static double utilisation(ChatPaths.Prediction p, String name) {
        return p.stations().stream()
                .filter(s -> s.name().equals(name))
                .findFirst()
                .orElseThrow()
                .utilisation();
    }
}
