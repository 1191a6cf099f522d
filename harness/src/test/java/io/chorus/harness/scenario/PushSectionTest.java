package io.chorus.harness.scenario;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The {@code push:} section, and provider faults refused in a scenario without one. */
class PushSectionTest {
    private static final String HEAD = """
            name: push
            population: {users: 40, shapes: [{group: g, kind: random-spread, channels: 5, members: {min: 2, max: 6}}]}
            phases: [{name: p, duration: 2m, rate: 3, channels: g}]
            """;

    private static Scenario parse(String rest) throws Exception {
        return new ScenarioParser().parse("push.yaml", HEAD + rest);
    }

    private static List<String> errors(String rest) {
        InvalidScenario e = catchThrowableOfType(InvalidScenario.class, () -> parse(rest));
        assertThat(e).as("expected the scenario to be refused").isNotNull();
        return e.errors().stream()
                .map(err -> err.line() + " " + err.field() + ": " + err.message())
                .toList();
    }

    @Test
    void theSectionIsReadWithItsDefaults() throws Exception {
        Scenario s = parse("""
                push: {devices: 0.25, offline: 0.8, dmRate: 2.5, mentionRate: 1}
                """);
        assertThat(s.push()).isEqualTo(new PushSpec(0.25, 0.5, 0.8, 0.0, 2.5, 1.0));
        assertThat(parse("").push()).as("no section, no push").isNull();
        assertThat(s.withSeed(9).push()).as("a new seed keeps the section").isEqualTo(s.push());
    }

    @Test
    void sharesAreFrom0To1RatesAreNotNegativeAndSomethingIsSent() {
        assertThat(errors("""
                        push: {devices: 1.5, apns: x, dmRate: -1, colour: red}
                        """))
                .anySatisfy(e -> assertThat(e).startsWith("4 push.devices: expected a share from 0 to 1"))
                .anySatisfy(e -> assertThat(e).startsWith("4 push.apns: expected a share from 0 to 1"))
                .anySatisfy(e -> assertThat(e).startsWith("4 push.dmRate: expected messages per second"))
                .anySatisfy(e -> assertThat(e).contains("push.colour"));
        assertThat(errors("""
                        push: {devices: 0.5}
                        """))
                .singleElement()
                .satisfies(e -> assertThat(e).contains("expected dmRate or mentionRate above 0"));
        assertThat(errors("""
                        push: {devices: 0, dmRate: 1}
                        """))
                .singleElement()
                .satisfies(e -> assertThat(e).contains("push.devices: expected a share above 0"));
        InvalidScenario tooMany = catchThrowableOfType(
                InvalidScenario.class,
                () -> new ScenarioParser()
                        .parse(
                                "big.yaml",
                                HEAD.replace("users: 40", "users: 1000000") + "push: {devices: 0.5, dmRate: 1}\n"));
        assertThat(tooMany.errors())
                .singleElement()
                .satisfies(e -> assertThat(e.message()).startsWith("expected at most 20000 devices"));
    }

    @Test
    void aProviderFaultWithoutAPushSectionIsRefusedAtItsTarget() throws Exception {
        String faults = """
                faults:
                  - {at: 10s, duration: 10s, kind: down, target: push-apns}
                  - {at: 30s, duration: 10s, kind: throttle, target: push-fcm}
                """;
        assertThat(errors(faults))
                .containsExactly(
                        "5 faults[0].target: push-apns is a fake push provider, which harness run starts only for a"
                                + " scenario with a push: section (devices, offline, dmRate, mentionRate): add one,"
                                + " or drop this fault",
                        "6 faults[1].target: push-fcm is a fake push provider, which harness run starts only for a"
                                + " scenario with a push: section (devices, offline, dmRate, mentionRate): add one,"
                                + " or drop this fault");
        Scenario withPush = parse("push: {devices: 0.5, dmRate: 1}\n" + faults);
        assertThat(withPush.faults().faults()).hasSize(2);
    }
}
