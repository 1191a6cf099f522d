package io.chorus.harness.explore;

import io.chorus.harness.nemesis.FaultSchedule;
import io.chorus.harness.nemesis.FaultTargets;
import io.chorus.harness.nemesis.ScheduledFault;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Draws a random fault schedule from a seed: how many faults (one to the bounds' most), which (kind, target), when,
 * for how long and how hard. Times are whole seconds. A drawn fault that the schedule would refuse (two process
 * faults on one process at once) or, without overlap, that overlaps another is drawn again, a bounded number of
 * times; the result is checked by {@link FaultSchedule#of}, the validation of hand-written scenarios.
 */
public final class ScheduleGenerator {
    private static final int DRAWS_PER_FAULT = 20;

    private final FaultTargets targets;
    private final Duration workload;
    private final ExploreBounds bounds;
    private final FaultSpace space;

    /** @param workload the phases' total length, inside which every fault starts and ends */
    public ScheduleGenerator(FaultTargets targets, Duration workload, ExploreBounds bounds) {
        this.targets = targets;
        this.workload = workload;
        this.bounds = bounds;
        this.space = FaultSpace.of(targets, bounds);
        if (space.isEmpty()) {
            throw new IllegalArgumentException("no fault kind and target of this stack fits the bounds: kinds "
                    + bounds.kinds() + ", targets " + (bounds.targets().isEmpty() ? "all" : bounds.targets()));
        }
        if (workload.toSeconds() < 2) {
            throw new IllegalArgumentException("the workload must last at least 2s to hold a fault");
        }
    }

    /** The same seed always draws the same schedule. */
    public FaultSchedule draw(long seed) {
        Random random = new Random(seed);
        int wanted = 1 + random.nextInt(bounds.maxFaults());
        List<ScheduledFault> faults = new ArrayList<>();
        for (int draw = 0; faults.size() < wanted && draw < wanted * DRAWS_PER_FAULT; draw++) {
            ScheduledFault fault = drawOne(random, faults.size());
            List<ScheduledFault> candidate = new ArrayList<>(faults);
            candidate.add(fault);
            if (fits(candidate)) {
                faults = candidate;
            }
        }
        return FaultSchedule.of(faults, targets, workload);
    }

    private ScheduledFault drawOne(Random random, int index) {
        FaultSpace.Choice choice =
                space.choices().get(random.nextInt(space.choices().size()));
        List<Map<String, String>> ladder = Intensity.ladder(choice.kind());
        int highest = (int) Math.floor(bounds.maxIntensity() * (ladder.size() - 1));
        Map<String, String> parameters = ladder.get(random.nextInt(highest + 1));
        long horizon = horizonSeconds();
        if (!choice.kind().hasDuration()) {
            long at = random.nextInt((int) horizon);
            return new ScheduledFault(index, Duration.ofSeconds(at), null, choice.kind(), choice.target(), parameters);
        }
        long shortest = Math.min(bounds.minWindow().toSeconds(), horizon);
        long longest = Math.min(bounds.maxWindow().toSeconds(), horizon);
        long length = shortest + random.nextInt((int) (longest - shortest + 1));
        long at = random.nextInt((int) (horizon - length + 1));
        return new ScheduledFault(
                index,
                Duration.ofSeconds(at),
                Duration.ofSeconds(at + length),
                choice.kind(),
                choice.target(),
                parameters);
    }

    /** When every fault must have ended: the settle time before the end, unless that leaves no room for a window. */
    private long horizonSeconds() {
        long total = workload.toSeconds();
        long settled = total - bounds.settle().toSeconds();
        return settled >= bounds.minWindow().toSeconds() + 1 ? settled : total;
    }

    private boolean fits(List<ScheduledFault> faults) {
        if (!FaultSchedule.check(faults, targets, workload).isEmpty()) {
            return false;
        }
        return bounds.overlap() || !Windows.anyOverlap(faults);
    }
}
