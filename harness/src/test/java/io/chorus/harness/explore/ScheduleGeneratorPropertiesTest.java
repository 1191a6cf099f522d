package io.chorus.harness.explore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.booleans;
import static org.quicktheories.generators.SourceDSL.doubles;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.longs;

import io.chorus.harness.nemesis.FaultKind;
import io.chorus.harness.nemesis.FaultSchedule;
import io.chorus.harness.nemesis.FaultTargets;
import io.chorus.harness.nemesis.ScheduledFault;
import io.chorus.harness.stack.StackShape;
import java.time.Duration;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;

/**
 * Property-based: on random stack shapes (nodes, instances, storage, proxied or direct links) and random bounds,
 * every drawn schedule passes the schedule validation hand-written scenarios get, keeps within the bounds, and the
 * same seed draws the same schedule.
 */
class ScheduleGeneratorPropertiesTest {
    /** A stack, the phases' length, bounds, and a seed to draw with. */
    record Case(StackShape shape, Duration workload, ExploreBounds bounds, long seed) {
        FaultTargets targets() {
            return FaultTargets.of(shape);
        }
    }

    private static final Gen<StackShape> SHAPES = integers()
            .between(1, 3)
            .zip(
                    integers().between(1, 3),
                    integers().between(1, 3),
                    booleans().all(),
                    (nats, cassandra, notification, proxied) -> new StackShape(
                            nats,
                            cassandra,
                            1,
                            notification,
                            null,
                            proxied ? StackShape.PROXIED : StackShape.DIRECT,
                            nats % 2 == 0 ? StackShape.UNSYNCED_WRITE_FS : StackShape.DISK));

    private static final Gen<ExploreBounds> BOUNDS = integers()
            .between(1, 6)
            .zip(
                    integers().between(1, 20),
                    integers().between(0, 60),
                    booleans().all(),
                    (maxFaults, minWindow, extra, overlap) -> new ExploreBounds(
                            maxFaults,
                            Duration.ofSeconds(minWindow),
                            Duration.ofSeconds(minWindow + extra),
                            Duration.ofSeconds(extra % 15),
                            overlap,
                            1.0,
                            kindsOf(maxFaults + minWindow + extra),
                            Set.of()))
            .zip(
                    doubles().between(0, 1),
                    (b, intensity) -> new ExploreBounds(
                            b.maxFaults(),
                            b.minWindow(),
                            b.maxWindow(),
                            b.settle(),
                            b.overlap(),
                            intensity,
                            b.kinds(),
                            b.targets()));

    private static final Gen<Case> CASES = SHAPES.zip(
            integers().between(3, 300),
            BOUNDS,
            longs().all(),
            (s, w, b, seed) -> new Case(s, Duration.ofSeconds(w), b, seed));

    /** A non-empty subset of the kinds, chosen by the bits of {@code bits}; every kind for a multiple of 4. */
    private static Set<FaultKind> kindsOf(int bits) {
        if (bits % 4 == 0) {
            return EnumSet.allOf(FaultKind.class);
        }
        Set<FaultKind> kinds = EnumSet.noneOf(FaultKind.class);
        FaultKind[] all = FaultKind.values();
        for (int i = 0; i < all.length; i++) {
            if (((bits * 2654435761L) >>> i & 1) == 1) {
                kinds.add(all[i]);
            }
        }
        kinds.add(FaultKind.KILL); // every stack has components
        return kinds;
    }

    @Test
    void everyDrawnScheduleIsValidForItsStackAndWithinTheBounds() {
        qt().withExamples(400).forAll(CASES).checkAssert(c -> {
            FaultSchedule schedule = new ScheduleGenerator(c.targets(), c.workload(), c.bounds()).draw(c.seed());
            List<ScheduledFault> faults = schedule.faults();
            assertThat(FaultSchedule.check(faults, c.targets(), c.workload())).isEmpty();
            assertThat(faults).hasSizeBetween(1, c.bounds().maxFaults());
            for (int i = 0; i < faults.size(); i++) {
                ScheduledFault f = faults.get(i);
                assertThat(f.index()).isEqualTo(i);
                assertThat(c.bounds().kinds()).contains(f.kind());
                assertThat(f.end()).isLessThanOrEqualTo(c.workload());
                assertThat(Intensity.level(f.kind(), f.parameters())).isGreaterThanOrEqualTo(0);
                int rungs = Intensity.ladder(f.kind()).size();
                assertThat(Intensity.level(f.kind(), f.parameters()))
                        .isLessThanOrEqualTo((int) Math.floor(c.bounds().maxIntensity() * (rungs - 1)));
                if (f.until() != null) {
                    assertThat(f.duration()).isLessThanOrEqualTo(c.bounds().maxWindow());
                }
            }
            if (!c.bounds().overlap()) {
                assertThat(Windows.anyOverlap(faults)).isFalse();
            }
        });
    }

    @Test
    void linkFaultsAreDrawnOnlyOnProxiedStacks() {
        qt().withExamples(200).forAll(CASES).checkAssert(c -> {
            FaultSchedule schedule = new ScheduleGenerator(c.targets(), c.workload(), c.bounds()).draw(c.seed());
            if (c.shape().directLinks()) {
                assertThat(schedule.faults())
                        .allMatch(f -> f.kind().isProcessFault() || f.kind().isStoreFault());
            }
        });
    }

    @Test
    void theSameSeedDrawsTheSameSchedule() {
        qt().withExamples(300).forAll(CASES).checkAssert(c -> {
            List<ScheduledFault> first = new ScheduleGenerator(c.targets(), c.workload(), c.bounds())
                    .draw(c.seed())
                    .faults();
            List<ScheduledFault> again = new ScheduleGenerator(FaultTargets.of(c.shape()), c.workload(), c.bounds())
                    .draw(c.seed())
                    .faults();
            assertThat(again).isEqualTo(first);
        });
    }

    @Test
    void seedsDrawDifferentSchedules() {
        ScheduleGenerator generator = new ScheduleGenerator(
                FaultTargets.of(StackShape.DEFAULT.withLinks(StackShape.PROXIED)),
                Duration.ofMinutes(2),
                ExploreBounds.defaults());
        Set<List<ScheduledFault>> drawn = java.util.stream.LongStream.range(0, 50)
                .mapToObj(seed -> generator.draw(seed).faults())
                .collect(Collectors.toSet());
        assertThat(drawn).hasSizeGreaterThan(45);
    }

    @Test
    void targetsOutsideTheFilterAreNeverDrawn() {
        FaultTargets targets = FaultTargets.of(StackShape.DEFAULT.withLinks(StackShape.PROXIED));
        ExploreBounds bounds = ExploreBounds.defaults().withTargets(Set.of("notification-1", "command -> nats"));
        ScheduleGenerator generator = new ScheduleGenerator(targets, Duration.ofSeconds(90), bounds);
        qt().withExamples(200)
                .forAll(longs().all())
                .checkAssert(seed -> assertThat(generator.draw(seed).faults())
                        .allMatch(f -> bounds.targets().contains(f.target())));
        assertThat(FaultSpace.unknownTargets(Set.of("notification-1", "notification-9", "command->nats"), targets))
                .containsExactly("notification-9");
        assertThat(Arrays.asList(FaultKind.values())).containsAll(bounds.kinds());
    }
}
