package io.chorus.fanout.core;

import io.chorus.common.routing.InterestDelta;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Which interest deltas reach the routing table: every one, unless a test planted
 * {@link PlantedBug#DROP_INTEREST_DELTA}, which drops the first delta of each instance since this fan-out started.
 */
public final class DeltaIntake {
    private final boolean dropFirst;
    private final Set<String> heard = ConcurrentHashMap.newKeySet();

    public DeltaIntake(Optional<PlantedBug> plantedBug) {
        this.dropFirst =
                plantedBug.filter(PlantedBug.DROP_INTEREST_DELTA::equals).isPresent();
    }

    /** Whether {@code delta} is applied to the routing table (it is answered either way). */
    public boolean applies(InterestDelta delta) {
        return !dropFirst || !heard.add(delta.instanceId());
    }

    public boolean dropsDeltas() {
        return dropFirst;
    }
}
