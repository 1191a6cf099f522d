package io.chorus.harness.explore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.longs;

import io.chorus.harness.nemesis.FaultKind;
import io.chorus.harness.nemesis.FaultSchedule;
import io.chorus.harness.nemesis.FaultTargets;
import io.chorus.harness.nemesis.ScheduledFault;
import io.chorus.harness.stack.StackShape;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;

/**
 * Property-based, with a synthetic failure: a schedule "fails" iff a kill overlaps a latency in time (as a bug that
 * shows only when a node dies while a link is slow would). Shrinking never grows a schedule, always ends at a
 * schedule that fails, ends at a local minimum (no single step from it still fails), and is deterministic.
 */
class ShrinkerPropertiesTest {
    private static final FaultTargets TARGETS = FaultTargets.of(StackShape.DEFAULT.withLinks(StackShape.PROXIED));
    private static final Duration WORKLOAD = Duration.ofMinutes(2);
    private static final ExploreBounds BOUNDS = new ExploreBounds(
            6,
            Duration.ofSeconds(5),
            Duration.ofSeconds(60),
            Duration.ZERO,
            true,
            1.0,
            Set.of(FaultKind.KILL, FaultKind.LATENCY, FaultKind.PAUSE, FaultKind.DOWN, FaultKind.RESTART),
            Set.of());
    private static final ScheduleGenerator GENERATOR = new ScheduleGenerator(TARGETS, WORKLOAD, BOUNDS);

    private static boolean killDuringLatency(FaultSchedule s) {
        return s.faults().stream()
                .anyMatch(k -> k.kind() == FaultKind.KILL
                        && s.faults().stream().anyMatch(l -> l.kind() == FaultKind.LATENCY && Windows.overlap(k, l)));
    }

    /** The first failing schedule drawn from the seed on. */
    private static final Gen<FaultSchedule> FAILING = longs().all().map(seed -> {
        for (long s = seed; ; s++) {
            FaultSchedule schedule = GENERATOR.draw(s);
            if (killDuringLatency(schedule)) {
                return schedule;
            }
        }
    });

    private static Shrinker shrinker() {
        return new Shrinker(TARGETS, WORKLOAD, Integer.MAX_VALUE);
    }

    @Test
    void shrinkingNeverGrowsASchedule() {
        qt().withExamples(200).forAll(FAILING).checkAssert(failing -> {
            FaultSchedule shrunk = shrinker()
                    .shrink(failing, ShrinkerPropertiesTest::killDuringLatency)
                    .schedule();
            assertThat(shrunk.faults().size())
                    .isLessThanOrEqualTo(failing.faults().size());
            assertThat(total(shrunk)).isLessThanOrEqualTo(total(failing));
            assertThat(Shrinker.weight(shrunk)).isLessThanOrEqualTo(Shrinker.weight(failing));
        });
    }

    @Test
    void everyStepIsSmallerAndValid() {
        qt().withExamples(200).forAll(FAILING).checkAssert(failing -> {
            for (FaultSchedule step : shrinker().steps(failing)) {
                assertThat(Shrinker.weight(step)).isLessThan(Shrinker.weight(failing));
                assertThat(FaultSchedule.check(step.faults(), TARGETS, WORKLOAD))
                        .isEmpty();
            }
        });
    }

    @Test
    void shrinkingEndsAtAFailingLocalMinimum() {
        qt().withExamples(200).forAll(FAILING).checkAssert(failing -> {
            Shrinker.Result result = shrinker().shrink(failing, ShrinkerPropertiesTest::killDuringLatency);
            assertThat(killDuringLatency(result.schedule())).isTrue();
            assertThat(result.minimal()).isTrue();
            assertThat(shrinker().steps(result.schedule())).noneMatch(ShrinkerPropertiesTest::killDuringLatency);
            // the minimum of this failure: exactly the two faults it needs, the latency at its mildest
            List<ScheduledFault> faults = result.schedule().faults();
            assertThat(faults)
                    .extracting(ScheduledFault::kind)
                    .containsExactlyInAnyOrder(FaultKind.KILL, FaultKind.LATENCY);
            assertThat(faults)
                    .filteredOn(f -> f.kind() == FaultKind.LATENCY)
                    .allMatch(f -> Intensity.level(f.kind(), f.parameters()) == 0);
        });
    }

    @Test
    void shrinkingIsDeterministic() {
        qt().withExamples(100).forAll(FAILING).checkAssert(failing -> {
            List<String> tried = new ArrayList<>();
            List<String> triedAgain = new ArrayList<>();
            Shrinker.Result first = shrinker().shrink(failing, s -> {
                tried.add(s.faults().toString());
                return killDuringLatency(s);
            });
            Shrinker.Result again = shrinker().shrink(failing, s -> {
                triedAgain.add(s.faults().toString());
                return killDuringLatency(s);
            });
            assertThat(again.schedule().faults()).isEqualTo(first.schedule().faults());
            assertThat(triedAgain).isEqualTo(tried);
        });
    }

    @Test
    void aShrinkStopsWhenItsAttemptsRunOut() {
        qt().withExamples(100).forAll(FAILING).checkAssert(failing -> {
            Shrinker.Result result =
                    new Shrinker(TARGETS, WORKLOAD, 3).shrink(failing, ShrinkerPropertiesTest::killDuringLatency);
            assertThat(result.attempts()).isLessThanOrEqualTo(3);
            assertThat(killDuringLatency(result.schedule())).isTrue();
        });
    }

    private static Duration total(FaultSchedule schedule) {
        return schedule.faults().stream().map(ScheduledFault::duration).reduce(Duration.ZERO, Duration::plus);
    }
}
