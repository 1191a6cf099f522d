package io.chorus.harness.workload;

import static org.assertj.core.api.Assertions.assertThat;

import io.chorus.harness.scenario.OnlineSpec;
import io.chorus.harness.scenario.Phase.RateStep;
import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class WorkloadPartsTest {
    @Test
    void theArrivalScheduleIsFixedByTheRateAlone() {
        ArrivalSchedule s = new ArrivalSchedule(1_000_000, new RateStep(200, Duration.ofSeconds(3)));
        assertThat(s.count()).isEqualTo(600);
        assertThat(s.intended(0)).isEqualTo(1_000_000);
        assertThat(s.intended(1)).isEqualTo(1_005_000);
        assertThat(s.intended(599)).isEqualTo(3_995_000);
        assertThat(s.endMicros()).isEqualTo(4_000_000);
        ArrivalSchedule odd = new ArrivalSchedule(0, new RateStep(3, Duration.ofSeconds(1)));
        assertThat(odd.intended(2)).isEqualTo(666_666);
    }

    @Test
    void placementFollowsTheSpread() {
        List<String> users = IntStream.range(0, 1000).mapToObj(i -> "u" + i).toList();
        var even =
                OnlinePlacement.place(users, new OnlineSpec(1000, List.of(), OnlineSpec.Spread.EVEN, List.of()), 3, 1);
        assertThat(Collections.frequency(even.values(), 0)).isEqualTo(334);
        assertThat(Collections.frequency(even.values(), 2)).isEqualTo(333);
        var weighted = OnlinePlacement.place(
                users, new OnlineSpec(1000, List.of(), OnlineSpec.Spread.WEIGHTED, List.of(3, 1, 0)), 3, 1);
        assertThat(Collections.frequency(weighted.values(), 2)).isZero();
        assertThat(Collections.frequency(weighted.values(), 0)).isBetween(680, 820);
    }

    @Test
    void theProgressLineShowsPhaseTimesCountsAndP95() {
        LiveCounters live = new LiveCounters();
        live.sent();
        live.sent();
        live.delivered();
        live.error();
        live.acked(12_000);
        String line = ProgressLine.render("steady", Duration.ofSeconds(75), Duration.ofMinutes(2), live.snapshot());
        assertThat(line).contains("steady", "1:15/2:00", "sent 2", "delivered 1", "errors 1", "send p95 12.0 ms");
        assertThat(ProgressLine.render("steady", Duration.ZERO, Duration.ZERO, live.snapshot()))
                .contains("send p95 -");
    }
}
