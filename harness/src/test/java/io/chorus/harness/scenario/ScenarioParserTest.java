package io.chorus.harness.scenario;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.chorus.harness.stack.StackShape;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class ScenarioParserTest {
    private final ScenarioParser parser = new ScenarioParser();

    static List<Path> shipped() throws Exception {
        Path dir = Path.of(System.getProperty("chorus.home", "..")).resolve("scenarios");
        if (!Files.isDirectory(dir)) {
            dir = Path.of("..", "scenarios");
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(p -> p.toString().endsWith(".yaml")).sorted().toList();
        }
    }

    @ParameterizedTest
    @MethodSource("shipped")
    void everyShippedScenarioIsValid(Path file) throws Exception {
        Scenario s = parser.parse(file);
        assertThat(s.phases()).isNotEmpty();
        assertThat(s.slos()).isNotEmpty();
    }

    @Test
    void theFourRequiredScenariosShip() throws Exception {
        assertThat(shipped().stream().map(p -> p.getFileName().toString()))
                .contains("smoke.yaml", "million-member.yaml", "hundred-k-channels.yaml", "throughput.yaml");
    }

    @Test
    void readsEveryField() throws Exception {
        Scenario s = parser.parse(Path.of("../scenarios/throughput.yaml"));
        assertThat(s.name()).isEqualTo("throughput");
        assertThat(s.phases().get(0).warmup()).isTrue();
        assertThat(s.phases().get(1).warmup()).isTrue();
        assertThat(s.phases().get(1).steps()).extracting(step -> step.rate()).containsExactly(40.0, 80.0, 120.0, 160.0);
        assertThat(s.phases().get(2).warmup()).isFalse();
        assertThat(s.phases().get(2).steps()).hasSize(20);
        assertThat(s.phases().get(2).steps().get(19).rate()).isEqualTo(2_000.0);
        assertThat(s.phases().get(2).duration()).isEqualTo(Duration.ofMinutes(5));
        assertThat(s.slos()).anySatisfy(slo -> {
            assertThat(slo.metric()).isEqualTo("send.latency.p95");
            assertThat(slo.threshold()).isEqualTo(50.0);
        });
        Scenario million = parser.parse(Path.of("../scenarios/million-member.yaml"));
        assertThat(million.population().users()).isEqualTo(1_000_000);
        assertThat(million.population().shapes().get(0))
                .isEqualTo(new MembershipShape.LargeChannels("everyone", 1, 1_000_000));
    }

    @Test
    void errorsNameFileLineFieldAndWhatWasExpected() {
        String yaml = """
                name: demo
                population:
                  users: 10
                  shapes:
                    - group: g
                      kind: large-channels
                      members: 10
                phases:
                  - name: p
                    duration: 10 seconds
                    rate: -3
                    channels: gg
                slos:
                  - metric: send.latency.p95
                    max: 50ms
                """;
        InvalidScenario e = catchThrowableOfType(() -> parser.parse("demo.yaml", yaml), InvalidScenario.class);
        assertThat(e.errors())
                .extracting(ScenarioError::toString)
                .containsExactlyInAnyOrder(
                        "demo.yaml:10:15: phases[0].duration: expected a duration such as 500ms, 30s, 2m or 1h, got '10 seconds'",
                        "demo.yaml:11:11: phases[0].rate: expected messages per second (more than 0), got -3",
                        "demo.yaml:12:15: phases[0].channels: expected a group name from population.shapes, a list of them, "
                                + "or all (g), got 'gg' (did you mean 'g'?)");
    }

    @Test
    void unknownFieldsAndMetricsAreNamedWithASuggestion() {
        String yaml = """
                name: demo
                populaton: {}
                phases: []
                slos:
                  - metric: send.latncy.p95
                    max: 5
                """;
        InvalidScenario e = catchThrowableOfType(() -> parser.parse("x.yaml", yaml), InvalidScenario.class);
        assertThat(e.getMessage())
                .contains("x.yaml:2:1: populaton: unknown field", "(did you mean 'population'?)")
                .contains("x.yaml:1:1: population: is required")
                .contains(
                        "x.yaml:5:13: slos[0].metric: unknown metric 'send.latncy.p95' (did you mean 'send.latency.p95'?)");
    }

    @Test
    void aWarmupPhaseIsMarkedAndOnlyTrueOrFalseIsAccepted() throws Exception {
        String yaml = """
                name: demo
                population: {users: 10, shapes: [{group: g, kind: large-channels, channels: 1, members: 10}]}
                phases:
                  - {name: warm, duration: 5s, rate: 5, channels: g, warmup: true}
                  - {name: steady, duration: 5s, rate: 5, channels: g}
                slos: [{metric: send.latency.p95, max: 50ms}]
                """;
        Scenario s = parser.parse("w.yaml", yaml);
        assertThat(s.phases()).extracting(Phase::warmup).containsExactly(true, false);
        InvalidScenario e = catchThrowableOfType(
                () -> parser.parse("w.yaml", yaml.replace("warmup: true", "warmup: yes")), InvalidScenario.class);
        assertThat(e.getMessage()).contains("w.yaml:4:", "phases[0].warmup: expected true or false, got 'yes'");
    }

    @Test
    void aPhaseMayPickAGroupFirstAndOnlyChannelsOrGroupsIsAccepted() throws Exception {
        String yaml = """
                name: demo
                population: {users: 10, shapes: [{group: g, kind: large-channels, channels: 1, members: 10}]}
                phases:
                  - {name: a, duration: 5s, rate: 5, channels: g, pick: groups}
                  - {name: b, duration: 5s, rate: 5, channels: g}
                slos: [{metric: send.latency.p95, max: 50ms}]
                """;
        Scenario s = parser.parse("p.yaml", yaml);
        assertThat(s.phases()).extracting(Phase::pick).containsExactly(Phase.Pick.GROUPS, Phase.Pick.CHANNELS);
        InvalidScenario e = catchThrowableOfType(
                () -> parser.parse("p.yaml", yaml.replace("pick: groups", "pick: users")), InvalidScenario.class);
        assertThat(e.getMessage()).contains("p.yaml:4:", "phases[0].pick: expected channels or groups, got 'users'");
    }

    @Test
    void aPhaseMixesOperationsEachAtItsOwnRate() throws Exception {
        String yaml = """
                name: demo
                population: {users: 10, shapes: [{group: g, kind: random-spread, channels: 2, members: {min: 2, max: 3}}]}
                online: {users: 5}
                phases: [{name: p, duration: 1s, rate: 1, channels: all, mix: {history: 4, my_channels: 0.5, churn: 1}}]
                slos: [{metric: op.history.p95, max: 50ms}, {metric: op.leave.p50, max: 1s}]
                """;
        Phase phase = parser.parse("m.yaml", yaml).phases().get(0);
        assertThat(phase.mix())
                .containsExactly(
                        Map.entry(MixOperation.HISTORY, 4.0),
                        Map.entry(MixOperation.MY_CHANNELS, 0.5),
                        Map.entry(MixOperation.CHURN, 1.0));

        InvalidScenario unknown = catchThrowableOfType(
                () -> parser.parse("m.yaml", yaml.replace("history: 4", "histroy: 4")), InvalidScenario.class);
        assertThat(unknown.getMessage()).contains("phases[0].mix.histroy: unknown operation", "did you mean 'history'");
        InvalidScenario zero = catchThrowableOfType(
                () -> parser.parse("m.yaml", yaml.replace("history: 4", "history: 0")), InvalidScenario.class);
        assertThat(zero.getMessage()).contains("phases[0].mix.history: expected operations per second");
    }

    @Test
    void brokenYamlIsAnErrorWithItsLine() {
        InvalidScenario e = catchThrowableOfType(
                () -> parser.parse("b.yaml", "name: a\nphases: [\n  - x: 1\n"), InvalidScenario.class);
        assertThat(e.errors()).hasSize(1);
        assertThat(e.errors().get(0).line()).isPositive();
        assertThat(e.errors().get(0).message()).startsWith("not valid YAML: ");
    }

    @Test
    void aMissingFileIsAnErrorNotAnException() {
        assertThatThrownBy(() -> parser.parse(Path.of("no/such/file.yaml")))
                .isInstanceOf(InvalidScenario.class)
                .hasMessage("no/such/file.yaml: no such file");
    }

    @Test
    void weightsMustMatchTheNotificationInstances() {
        String yaml = """
                name: demo
                stack: {notificationInstances: 3}
                population: {users: 10, shapes: [{group: g, kind: random-spread, channels: 2, members: {min: 2, max: 3}}]}
                online: {users: 5, spread: weighted, weights: [1, 2]}
                phases: [{name: p, duration: 1s, rate: 1, channels: all}]
                """;
        InvalidScenario e = catchThrowableOfType(() -> parser.parse("w.yaml", yaml), InvalidScenario.class);
        assertThat(e.getMessage()).contains("online.weights: expected 3 weights");
    }

    @Test
    void aScenarioCanRunWithoutTheGatewayWhichIsOnByDefault() throws Exception {
        String without = """
                name: demo
                stack: {gateway: false}
                population: {users: 10, shapes: [{group: g, kind: random-spread, channels: 2, members: {min: 2, max: 3}}]}
                online: {users: 5}
                phases: [{name: p, duration: 1s, rate: 1, channels: all}]
                slos: [{metric: send.latency.p95, max: 50ms}]
                """;
        assertThat(parser.parse("g.yaml", without).stack().gatewayEnabled()).isFalse();
        assertThat(parser.parse("g.yaml", without.replace("{gateway: false}", "{natsNodes: 3}"))
                        .stack()
                        .gatewayEnabled())
                .isTrue();

        InvalidScenario e = catchThrowableOfType(
                () -> parser.parse("g.yaml", without.replace("gateway: false", "gateway: maybe")),
                InvalidScenario.class);
        assertThat(e.getMessage()).contains("stack.gateway: expected true");
    }

    @Test
    void aStackNamesItsProviderLocalOrContainersAndNoneMeansTheCommandLineDecides() throws Exception {
        String containers = """
                name: demo
                stack: {provider: containers}
                population: {users: 10, shapes: [{group: g, kind: random-spread, channels: 2, members: {min: 2, max: 3}}]}
                online: {users: 5}
                phases: [{name: p, duration: 1s, rate: 1, channels: all}]
                """;
        Scenario parsed = parser.parse("c.yaml", containers);

        assertThat(parsed.stackProvider()).isEqualTo(Scenario.CONTAINERS);
        assertThat(parsed.withSeed(7).stackProvider()).isEqualTo(Scenario.CONTAINERS);
        assertThat(parsed.stack()).isEqualTo(StackShape.DEFAULT.withLinks(StackShape.DIRECT));
        assertThat(parser.parse("c.yaml", containers.replace("{provider: containers}", "{natsNodes: 3}"))
                        .stackProvider())
                .isNull();

        InvalidScenario e = catchThrowableOfType(
                () -> parser.parse("c.yaml", containers.replace("provider: containers", "provider: kubernetes")),
                InvalidScenario.class);
        assertThat(e.getMessage()).contains("stack.provider: expected 'local'");
    }

    @Test
    void aStackNamesHowManyInstancesOfEachStatelessServiceItRunsAndItsGatewayBounds() throws Exception {
        String scaled = """
                name: demo
                stack: {commandInstances: 2, queryInstances: 3, messageWriters: 2, metaWriters: 2, searchIndexers: 4, \
                gatewayRequestsPerUser: 2000, gatewayRequestsPerAddress: 400000}
                population: {users: 10, shapes: [{group: g, kind: random-spread, channels: 2, members: {min: 2, max: 3}}]}
                online: {users: 5}
                phases: [{name: p, duration: 1s, rate: 1, channels: all}]
                slos: [{metric: messages.lost, max: 0}]
                """;
        StackShape shape = parser.parse("s.yaml", scaled).stack();
        assertThat(List.of(
                        shape.commandInstances(),
                        shape.queryInstances(),
                        shape.messageWriters(),
                        shape.metaWriters(),
                        shape.searchIndexers()))
                .containsExactly(2, 3, 2, 2, 4);
        assertThat(shape.gatewayRequestsPerUser()).isEqualTo(2000);
        assertThat(shape.gatewayRequestsPerAddress()).isEqualTo(400_000);

        StackShape plain = parser.parse("s.yaml", scaled.replaceAll("stack: \\{[^}]*}", "stack: {natsNodes: 3}"))
                .stack();
        assertThat(List.of(
                        plain.commandInstances(),
                        plain.queryInstances(),
                        plain.messageWriters(),
                        plain.metaWriters(),
                        plain.searchIndexers()))
                .containsOnly(1);
        assertThat(plain.gatewayRequestsPerUser()).isNull();

        InvalidScenario e = catchThrowableOfType(
                () -> parser.parse("s.yaml", scaled.replace("messageWriters: 2", "messageWriters: 0")),
                InvalidScenario.class);
        assertThat(e.getMessage()).contains("stack.messageWriters");
    }

    @Test
    void aStackMayLowerEachServicesHeapButNotBelowWhatAServiceStartsIn() throws Exception {
        String scenario = """
                name: demo
                stack: {commandInstances: 2, serviceHeapMb: 128}
                population: {users: 10, shapes: [{group: g, kind: random-spread, channels: 2, members: {min: 2, max: 3}}]}
                online: {users: 5}
                phases: [{name: p, duration: 1s, rate: 1, channels: all}]
                slos: [{metric: messages.lost, max: 0}]
                """;
        assertThat(parser.parse("h.yaml", scenario).stack().serviceHeapMb()).isEqualTo(128);
        assertThat(parser.parse("h.yaml", scenario.replace(", serviceHeapMb: 128", ""))
                        .stack()
                        .serviceHeapMb())
                .isEqualTo(StackShape.DEFAULT_SERVICE_HEAP_MB);

        InvalidScenario e = catchThrowableOfType(
                () -> parser.parse("h.yaml", scenario.replace("serviceHeapMb: 128", "serviceHeapMb: 32")),
                InvalidScenario.class);
        assertThat(e.getMessage()).contains("stack.serviceHeapMb");
    }

    @Test
    void aStackMayCompileWithC1OnlyAndNothingElse() throws Exception {
        String scenario = """
                name: demo
                stack: {jit: c1}
                population: {users: 10, shapes: [{group: g, kind: random-spread, channels: 2, members: {min: 2, max: 3}}]}
                online: {users: 5}
                phases: [{name: p, duration: 1s, rate: 1, channels: all}]
                slos: [{metric: messages.lost, max: 0}]
                """;
        assertThat(parser.parse("j.yaml", scenario).stack().jitOptions()).containsExactly("-XX:TieredStopAtLevel=1");
        StackShape tiered = parser.parse("j.yaml", scenario.replace("{jit: c1}", "{natsNodes: 3}"))
                .stack();
        assertThat(tiered.jit()).isEqualTo(StackShape.TIERED);
        assertThat(tiered.jitOptions()).isEmpty();

        InvalidScenario e = catchThrowableOfType(
                () -> parser.parse("j.yaml", scenario.replace("jit: c1", "jit: c2")), InvalidScenario.class);
        assertThat(e.getMessage()).contains("stack.jit").contains("'c1'");
    }

    @Test
    void aBugIsPlantedOnlyWhenTheStackNamesOneItKnows() throws Exception {
        String planted = """
                name: demo
                stack: {plantedBug: ack-before-write}
                population: {users: 10, shapes: [{group: g, kind: random-spread, channels: 2, members: {min: 2, max: 3}}]}
                online: {users: 5}
                phases: [{name: p, duration: 1s, rate: 1, channels: all}]
                slos: [{metric: messages.lost, max: 0}]
                """;
        assertThat(parser.parse("p.yaml", planted).stack().plantedBug()).isEqualTo(StackShape.ACK_BEFORE_WRITE);
        assertThat(parser.parse("p.yaml", planted.replace("{plantedBug: ack-before-write}", "{natsNodes: 3}"))
                        .stack()
                        .plantedBug())
                .isNull();

        InvalidScenario e = catchThrowableOfType(
                () -> parser.parse("p.yaml", planted.replace("ack-before-write", "drop-everything")),
                InvalidScenario.class);
        assertThat(e.getMessage())
                .contains("stack.plantedBug: expected one of 'ack-before-write', 'drop-interest-delta', 'skip-resume'");
        for (String bug : List.of(StackShape.DROP_INTEREST_DELTA, StackShape.SKIP_RESUME)) {
            assertThat(parser.parse("p.yaml", planted.replace("ack-before-write", bug))
                            .stack()
                            .plantedBug())
                    .isEqualTo(bug);
        }
    }
}
