package io.chorus.harness.workload.gatling;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Offset.offset;

import io.chorus.harness.scenario.Phase.RateStep;
import io.chorus.harness.workload.ArrivalSchedule;
import io.gatling.javaapi.core.OpenInjectionStep;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.PrimitiveIterator;
import org.junit.jupiter.api.Test;

/** Gatling's injector and the feeder must agree user for user: same count per step, starts inside each step. */
class InjectionProfileTest {
    private static List<ArrivalSchedule> steps(RateStep... steps) {
        List<ArrivalSchedule> schedules = new ArrayList<>();
        long start = 0;
        for (RateStep step : steps) {
            schedules.add(new ArrivalSchedule(start, step));
            start = schedules.get(schedules.size() - 1).endMicros();
        }
        return schedules;
    }

    @Test
    void gatlingStartsAsManyUsersAsTheScheduleHasInsideEachStep() {
        List<ArrivalSchedule> schedules = steps(
                new RateStep(20, Duration.ofSeconds(10)),
                new RateStep(3, Duration.ofMillis(1500)),
                new RateStep(0.5, Duration.ofSeconds(1)),
                new RateStep(2.5, Duration.ofSeconds(3)),
                new RateStep(7, Duration.ofSeconds(2)));
        List<OpenInjectionStep> profile = InjectionProfile.of(schedules);
        assertThat(profile.stream().mapToLong(s -> s.asScala().users()).sum())
                .isEqualTo(schedules.stream().mapToLong(ArrivalSchedule::count).sum())
                .isEqualTo(200 + 4 + 0 + 7 + 14);
        PrimitiveIterator.OfLong timetable = InjectionProfile.timetable(profile);
        long previous = -1;
        for (ArrivalSchedule s : schedules) {
            for (long i = 0; i < s.count(); i++) {
                long start = timetable.nextLong();
                assertThat(start)
                        .as("send %d of the step from %d", i, s.startMicros())
                        .isBetween(s.startMicros(), s.endMicros() - 1)
                        .isGreaterThanOrEqualTo(previous);
                previous = start;
            }
        }
        assertThat(timetable.hasNext()).isFalse();
    }

    @Test
    void atAWholeRateOverWholeSecondsGatlingIsWithinAMillisecondOfTheSchedule() {
        List<ArrivalSchedule> schedules = steps(
                new RateStep(20, Duration.ofSeconds(10)),
                new RateStep(40, Duration.ofSeconds(10)),
                new RateStep(7, Duration.ofSeconds(2)),
                new RateStep(500, Duration.ofSeconds(30)));
        PrimitiveIterator.OfLong timetable = InjectionProfile.timetable(InjectionProfile.of(schedules));
        for (ArrivalSchedule s : schedules) {
            for (long i = 0; i < s.count(); i++) {
                assertThat(timetable.nextLong()).isCloseTo(s.intended(i), offset(1_000L));
            }
        }
        assertThat(timetable.hasNext()).isFalse();
    }
}
