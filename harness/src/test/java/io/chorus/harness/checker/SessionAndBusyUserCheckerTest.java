package io.chorus.harness.checker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Offset.offset;

import io.chorus.harness.history.History;
import io.chorus.harness.history.Receipt;
import io.chorus.harness.history.SendInvoke;
import io.chorus.harness.history.SendOk;
import io.chorus.harness.history.SessionOpen;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class SessionAndBusyUserCheckerTest {
    static final long T = 1_700_000_000_000_000L;

    @Test
    void connectToReadyIsFromTheRequestToTheReadyFrame() {
        History h = new History(List.of(
                new SessionOpen("a", "a1", "n1", T + 300_000, T),
                new SessionOpen("b", "b1", "n1", T + 1_500_000, T + 500_000),
                new SessionOpen("c", "c1", "n2", T + 9_000_000))); // request time unknown: not counted
        SessionChecker.Result r = new SessionChecker().check(h);
        assertThat(r.ready().count()).isEqualTo(2);
        assertThat(r.metrics().get("session.ready.max")).isCloseTo(1000.0, offset(1.0));
        assertThat(r.metrics().get("session.ready.p50")).isCloseTo(300.0, offset(0.5));
    }

    @Test
    void noSessionWithAKnownRequestTimeGivesNoFigure() {
        History h = new History(List.of(new SessionOpen("c", "c1", "n2", T)));
        assertThat(new SessionChecker().check(h).metrics()).isEmpty();
    }

    @Test
    void busyUsersAreComparedWithLightUsersOnDeliveryLatency() {
        Set<String> many = new HashSet<>();
        IntStream.range(0, 1_000).forEach(i -> many.add("c" + i));
        Roster roster = new Roster(Map.of(
                "busy",
                many,
                "light",
                Set.of("c1", "c2"),
                "middle",
                new HashSet<>(many).stream().limit(50).collect(java.util.stream.Collectors.toSet())));
        History h = new History(List.of(
                new SendInvoke("k1", "c1", "sender", "p", T, T, 10),
                new SendOk("k1", "m1", 202, T + 1_000),
                new Receipt("busy", "b", "n1", "c1", "m1", 1, T + 30_000),
                new Receipt("light", "l", "n2", "c1", "m1", 1, T + 20_000),
                new Receipt("middle", "m", "n2", "c1", "m1", 1, T + 90_000))); // neither busy nor light
        BusyUserChecker.Result r = new BusyUserChecker(roster).check(h);
        assertThat(r.busy().count()).isEqualTo(1);
        assertThat(r.light().count()).isEqualTo(1);
        assertThat(r.metrics().get("delivery.latency.busy_ratio")).isCloseTo(1.5, offset(0.01));
    }

    @Test
    void noRatioWithoutBothSides() {
        Roster roster = new Roster(Map.of("light", Set.of("c1")));
        History h = new History(List.of(
                new SendInvoke("k1", "c1", "sender", "p", T, T, 10),
                new SendOk("k1", "m1", 202, T + 1_000),
                new Receipt("light", "l", "n2", "c1", "m1", 1, T + 20_000)));
        assertThat(new BusyUserChecker(roster).check(h).metrics()).containsOnlyKeys("delivery.latency.light_p95");
    }
}
