package io.chorus.harness.scenario;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.chorus.harness.nemesis.FaultKind;
import io.chorus.harness.nemesis.ScheduledFault;
import io.chorus.harness.stack.StackShape;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The {@code faults:} section: what it reads, and each error at its own line with what was expected. */
class FaultsSectionTest {
    private static final String HEAD = """
            name: chaos
            population: {users: 4, shapes: [{group: g, kind: large-channels, members: 4}]}
            phases: [{name: p, duration: 2m, rate: 3, channels: g}]
            slos: [{metric: messages.lost, max: 0}]
            """;

    private Scenario parse(String faults) throws Exception {
        return new ScenarioParser().parse("chaos.yaml", HEAD + faults);
    }

    private List<String> errors(String faults) {
        InvalidScenario e = catchThrowableOfType(InvalidScenario.class, () -> parse(faults));
        assertThat(e).as("expected the faults to be refused").isNotNull();
        return e.errors().stream()
                .map(err -> err.line() + " " + err.field() + ": " + err.message())
                .toList();
    }

    @Test
    void faultsAreReadWithTheirTimesTargetsAndParameters() throws Exception {
        Scenario s = parse("""
                faults:
                  - {at: 0s, duration: 20s, kind: kill, target: notification-1}
                  - at: 30s
                    until: 1m
                    kind: latency
                    target: command->nats
                    parameters: {latency: 200ms, jitter: 50ms}
                  - {at: 70s, kind: restart, target: nats}
                """);
        assertThat(s.faults().faults())
                .containsExactly(
                        new ScheduledFault(
                                0, Duration.ZERO, Duration.ofSeconds(20), FaultKind.KILL, "notification-1", Map.of()),
                        new ScheduledFault(
                                1,
                                Duration.ofSeconds(30),
                                Duration.ofMinutes(1),
                                FaultKind.LATENCY,
                                "command -> nats",
                                Map.of("latency", "200ms", "jitter", "50ms")),
                        new ScheduledFault(2, Duration.ofSeconds(70), null, FaultKind.RESTART, "nats", Map.of()));
    }

    @Test
    void aScenarioWithoutFaultsHasAnEmptySchedule() throws Exception {
        assertThat(parse("").faults().isEmpty()).isTrue();
    }

    @Test
    void linksGoThroughToxiproxyOnlyWhenAFaultMayNeedThemUnlessTheScenarioChooses() throws Exception {
        assertThat(parse("").stack().links()).isEqualTo(StackShape.DIRECT);
        assertThat(parse("faults: [{at: 0s, duration: 5s, kind: kill, target: fanout-1}]")
                        .stack()
                        .links())
                .isEqualTo(StackShape.PROXIED);
        Scenario chosen = new ScenarioParser().parse("chaos.yaml", HEAD + "stack: {links: proxied}\n");
        assertThat(chosen.stack().links()).isEqualTo(StackShape.PROXIED);
    }

    @Test
    void aLinkFaultOnDirectLinksIsRefusedAndAProcessFaultIsNot() throws Exception {
        String direct = "stack: {links: direct}\n";
        assertThat(parse(direct + "faults: [{at: 0s, duration: 5s, kind: kill, target: fanout-1}]")
                        .stack()
                        .directLinks())
                .isTrue();
        assertThat(errors(direct + "faults: [{at: 0s, duration: 5s, kind: down, target: 'command -> nats'}]"))
                .singleElement()
                .asString()
                .contains("faults[0].target", "this stack's links are direct");
        assertThat(errors("stack: {links: sideways}\n"))
                .singleElement()
                .asString()
                .contains("stack.links", "expected 'proxied'", "got 'sideways'");
    }

    @Test
    void eachProblemIsReportedAtItsLine() {
        List<String> errors = errors("""
                faults:
                  - {at: 10s, until: 5s, kind: pause, target: fanout-1}
                  - {at: 10s, duration: 5s, kind: kil, target: nats-1}
                  - {at: 10s, duration: 30s, kind: latency, target: 'command -> nats', parameters: {latency: soon}}
                  - {at: 10s, duration: 30s, kind: down, target: 'command -> redis'}
                  - {at: 3m, duration: 10s, kind: kill, target: nats-2}
                  - {at: 20s, duration: 10s, kind: kill, target: cassandra-2, colour: red}
                """);
        assertThat(errors).anyMatch(e -> e.startsWith("6 faults[0].until: ends (at 5s) before it starts (at 10s)"));
        assertThat(errors)
                .anyMatch(e -> e.startsWith("7 faults[1].kind: expected one of kill, stop, pause")
                        && e.endsWith("(did you mean 'kill'?)"));
        assertThat(errors).anyMatch(e -> e.startsWith("8 faults[2].parameters.latency: expected a duration"));
        assertThat(errors).anyMatch(e -> e.startsWith("9 faults[3].target: expected a link of this stack"));
        assertThat(errors)
                .anyMatch(e -> e.startsWith("10 faults[4].at: starts at 3m, when the workload (2m of phases) is over"));
        assertThat(errors).anyMatch(e -> e.startsWith("11 faults[5].colour: unknown field"));
    }

    @Test
    void targetsFollowTheStacksShape() throws Exception {
        String faults = """
                faults:
                  - {at: 10s, duration: 30s, kind: kill, target: cassandra-3}
                """;
        assertThat(errors(faults))
                .anyMatch(e -> e.startsWith("6 faults[0].target: expected a component of this stack"));
        Scenario three = new ScenarioParser().parse("chaos.yaml", HEAD + "stack: {cassandraNodes: 3}\n" + faults);
        assertThat(three.faults().faults()).hasSize(1);
    }

    @Test
    void aPowerLossNeedsNatsNodesOnTheUnsyncedWriteFilesystem() throws Exception {
        String powerLoss = "faults: [{at: 10s, duration: 15s, kind: power-loss, target: nats}]\n";
        assertThat(errors(powerLoss))
                .singleElement()
                .asString()
                .startsWith("5 faults[0].target: a power-loss fault " + "needs a target whose writes can be lost")
                .contains("stack.natsStorage 'unsynced-write-fs'");
        assertThat(errors("stack: {natsStorage: unsynced-write-fs}\n"
                        + "faults: [{at: 10s, duration: 15s, kind: power-loss, target: cassandra}]\n"))
                .singleElement()
                .asString()
                .contains("faults[0].target", "got 'cassandra'");
        assertThat(errors("stack: {natsStorage: ramdisk}\n"))
                .singleElement()
                .asString()
                .contains("stack.natsStorage", "expected 'disk' or 'unsynced-write-fs'", "got 'ramdisk'");

        Scenario lossy = parse("stack: {natsStorage: unsynced-write-fs}\n" + powerLoss);
        assertThat(lossy.stack().natsOnUnsyncedWriteFs()).isTrue();
        assertThat(lossy.faults().faults())
                .singleElement()
                .extracting(ScheduledFault::kind)
                .isEqualTo(FaultKind.POWER_LOSS);
        assertThat(parse("stack: {natsStorage: unsynced-write-fs}\n"
                                + "faults: [{at: 10s, duration: 15s, kind: power-loss, target: nats-2}]\n")
                        .faults()
                        .faults())
                .hasSize(1);
    }
}
