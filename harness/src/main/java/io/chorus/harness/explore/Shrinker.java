package io.chorus.harness.explore;

import io.chorus.harness.nemesis.FaultSchedule;
import io.chorus.harness.nemesis.FaultTargets;
import io.chorus.harness.nemesis.ScheduledFault;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Shrinks a failing schedule one step at a time, as QuickCheck shrinks a counterexample: each step removes a fault,
 * shortens a window (to half, or by a second), lowers an intensity one rung, or moves a window earlier (to half
 * its start, or a second). The first step, in that fixed order, whose schedule still fails is taken, and the steps
 * of that schedule are tried, until no step still fails (a local minimum) or the attempts run out. Every step
 * lowers {@link #weight}, so shrinking ends; a step whose schedule the nemesis would refuse is not tried.
 */
public final class Shrinker {
    private static final Duration SECOND = Duration.ofSeconds(1);

    /**
     * @param schedule  the smallest schedule found that still fails
     * @param attempts  how many schedules were tried (each a trial, in an exploration)
     * @param steps     how many steps were taken
     * @param minimal   whether no single step from {@code schedule} still fails (false: the attempts ran out first)
     */
    public record Result(FaultSchedule schedule, int attempts, int steps, boolean minimal) {}

    private final FaultTargets targets;
    private final Duration workload;
    private final int maxAttempts;

    public Shrinker(FaultTargets targets, Duration workload, int maxAttempts) {
        this.targets = targets;
        this.workload = workload;
        this.maxAttempts = maxAttempts;
    }

    /**
     * @param failing    a schedule {@code stillFails} already failed on (it is not tried again)
     * @param stillFails whether a schedule still fails: in an exploration, a trial judged by the checker
     */
    public Result shrink(FaultSchedule failing, Predicate<FaultSchedule> stillFails) {
        FaultSchedule current = failing;
        int attempts = 0;
        int steps = 0;
        boolean progressed = true;
        while (progressed) {
            progressed = false;
            for (FaultSchedule candidate : steps(current)) {
                if (attempts == maxAttempts) {
                    return new Result(current, attempts, steps, false);
                }
                attempts++;
                if (stillFails.test(candidate)) {
                    current = candidate;
                    steps++;
                    progressed = true;
                    break;
                }
            }
        }
        return new Result(current, attempts, steps, true);
    }

    /** Every schedule one step smaller than {@code schedule} that the nemesis accepts, in the order tried. */
    public List<FaultSchedule> steps(FaultSchedule schedule) {
        List<ScheduledFault> faults = schedule.faults();
        Set<List<ScheduledFault>> candidates = new LinkedHashSet<>();
        for (int i = 0; i < faults.size(); i++) {
            List<ScheduledFault> without = new ArrayList<>(faults);
            without.remove(i);
            candidates.add(reindexed(without));
        }
        for (int i = 0; i < faults.size(); i++) {
            ScheduledFault f = faults.get(i);
            if (f.until() != null && f.duration().compareTo(SECOND) > 0) {
                candidates.add(replaced(faults, i, window(f, f.at(), halfSeconds(f.duration()))));
                candidates.add(
                        replaced(faults, i, window(f, f.at(), f.duration().minus(SECOND))));
            }
        }
        for (int i = 0; i < faults.size(); i++) {
            ScheduledFault f = faults.get(i);
            Map<String, String> milder = Intensity.milder(f.kind(), f.parameters());
            if (milder != null) {
                candidates.add(replaced(
                        faults, i, new ScheduledFault(f.index(), f.at(), f.until(), f.kind(), f.target(), milder)));
            }
        }
        for (int i = 0; i < faults.size(); i++) {
            ScheduledFault f = faults.get(i);
            if (f.at().compareTo(SECOND) >= 0) {
                candidates.add(replaced(faults, i, window(f, halfSeconds(f.at()), f.duration())));
                candidates.add(replaced(faults, i, window(f, f.at().minus(SECOND), f.duration())));
            }
        }
        return candidates.stream()
                .filter(c -> FaultSchedule.check(c, targets, workload).isEmpty())
                .map(c -> FaultSchedule.of(c, targets, workload))
                .toList();
    }

    /**
     * What every step lowers: per fault a large constant (so removing one outweighs any other change), its window
     * and start in milliseconds and its intensity rung.
     */
    public static long weight(FaultSchedule schedule) {
        long weight = 0;
        for (ScheduledFault f : schedule.faults()) {
            weight += 1_000_000_000_000L
                    + f.duration().toMillis()
                    + f.at().toMillis()
                    + Math.max(0, Intensity.level(f.kind(), f.parameters()));
        }
        return weight;
    }

    /** Half, in whole seconds, rounded down (a window stays at least a second long). */
    private static Duration halfSeconds(Duration d) {
        return Duration.ofSeconds(d.toSeconds() / 2);
    }

    private static ScheduledFault window(ScheduledFault f, Duration at, Duration length) {
        Duration until = f.until() == null ? null : at.plus(length.isZero() ? SECOND : length);
        return new ScheduledFault(f.index(), at, until, f.kind(), f.target(), f.parameters());
    }

    private static List<ScheduledFault> replaced(List<ScheduledFault> faults, int i, ScheduledFault f) {
        List<ScheduledFault> copy = new ArrayList<>(faults);
        copy.set(i, f);
        return copy;
    }

    private static List<ScheduledFault> reindexed(List<ScheduledFault> faults) {
        List<ScheduledFault> out = new ArrayList<>();
        for (int i = 0; i < faults.size(); i++) {
            ScheduledFault f = faults.get(i);
            out.add(new ScheduledFault(i, f.at(), f.until(), f.kind(), f.target(), f.parameters()));
        }
        return out;
    }
}
