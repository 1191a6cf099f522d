package io.chorus.harness.explore;

import io.chorus.harness.nemesis.ScheduledFault;
import java.time.Duration;
import java.util.List;

/**
 * Faults' windows as half-open spans in time. A fault without a duration (a restart, a store's rebuild) lasts
 * until its target is back, which a schedule cannot know: it is counted as one second from its start.
 */
final class Windows {
    private static final Duration INSTANT = Duration.ofSeconds(1);

    private Windows() {}

    static boolean overlap(ScheduledFault x, ScheduledFault y) {
        return x.at().compareTo(end(y)) < 0 && y.at().compareTo(end(x)) < 0;
    }

    static boolean anyOverlap(List<ScheduledFault> faults) {
        for (int a = 0; a < faults.size(); a++) {
            for (int b = a + 1; b < faults.size(); b++) {
                if (overlap(faults.get(a), faults.get(b))) {
                    return true;
                }
            }
        }
        return false;
    }

    private static Duration end(ScheduledFault f) {
        return f.until() == null ? f.at().plus(INSTANT) : f.until();
    }
}
