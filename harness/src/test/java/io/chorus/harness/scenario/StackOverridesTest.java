package io.chorus.harness.scenario;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.List;
import org.junit.jupiter.api.Test;

class StackOverridesTest {
    private static final String SCENARIO = """
            name: demo
            stack: {natsNodes: 3, commandInstances: 1}
            population: {users: 10, shapes: [{group: g, kind: random-spread, channels: 2, members: {min: 2, max: 3}}]}
            online: {users: 5}
            phases: [{name: p, duration: 1s, rate: 1, channels: all}]
            slos: [{metric: messages.lost, max: 0}]
            """;
    private final ScenarioParser parser = new ScenarioParser();

    @Test
    void aSettingReplacesOrAddsAKeyOfTheStackAndKeepsTheRest() throws Exception {
        Scenario s = parser.parse(
                "o.yaml", StackOverrides.apply(SCENARIO, List.of("stack.commandInstances=2", "stack.gateway=false")));

        assertThat(s.stack().commandInstances()).isEqualTo(2);
        assertThat(s.stack().gatewayEnabled()).isFalse();
        assertThat(s.stack().natsNodes()).isEqualTo(3);
        assertThat(s.phases()).hasSize(1);
        assertThat(parser.parse("o.yaml", SCENARIO).stack().gatewayEnabled()).isTrue();
    }

    @Test
    void aScenarioWithoutAStackSectionGetsOne() throws Exception {
        String without = SCENARIO.replace("stack: {natsNodes: 3, commandInstances: 1}\n", "");

        Scenario s = parser.parse("o.yaml", StackOverrides.apply(without, List.of("stack.queryInstances=2")));

        assertThat(s.stack().queryInstances()).isEqualTo(2);
    }

    @Test
    void anOverrideIsJudgedAsTheFileWouldBe() {
        InvalidScenario e = catchThrowableOfType(
                () -> parser.parse("o.yaml", StackOverrides.apply(SCENARIO, List.of("stack.commandInstances=0"))),
                InvalidScenario.class);
        assertThat(e.getMessage()).contains("stack.commandInstances");

        InvalidScenario unknown = catchThrowableOfType(
                () -> parser.parse("o.yaml", StackOverrides.apply(SCENARIO, List.of("stack.commandInstance=2"))),
                InvalidScenario.class);
        assertThat(unknown.getMessage()).contains("commandInstance");
    }

    @Test
    void aSettingOutsideTheStackOrWithoutAValueIsRefused() {
        assertThatThrownBy(() -> StackOverrides.apply(SCENARIO, List.of("seed=3")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("stack.KEY=VALUE");
        assertThatThrownBy(() -> StackOverrides.apply(SCENARIO, List.of("stack.gateway=")))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(StackOverrides.apply(SCENARIO, List.of())).isSameAs(SCENARIO);
    }
}
