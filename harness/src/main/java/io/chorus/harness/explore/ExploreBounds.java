package io.chorus.harness.explore;

import io.chorus.harness.nemesis.FaultKind;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Set;

/**
 * The bounds of the schedules an exploration draws.
 *
 * @param maxFaults     at most this many faults per schedule (at least one is drawn)
 * @param minWindow     the shortest window of a fault with a duration, in whole seconds
 * @param maxWindow     the longest window
 * @param settle        every fault ends this long before the workload does, so recovery is measured under load
 * @param overlap       whether two faults' windows may overlap in time (they never fight: the schedule refuses that)
 * @param maxIntensity  the share of each kind's intensity ladder that may be drawn, 0 (mildest rung only) to 1
 * @param kinds         the kinds drawn from
 * @param targets       the targets drawn from (components, links, stores); empty: every target the stack has
 */
public record ExploreBounds(
        int maxFaults,
        Duration minWindow,
        Duration maxWindow,
        Duration settle,
        boolean overlap,
        double maxIntensity,
        Set<FaultKind> kinds,
        Set<String> targets) {

    /**
     * Every kind but {@code wipe-and-rebuild} and the webhook receivers' faults: a store rebuild is an operator's act
     * and lasts as long as the rebuild, not a fault of the running system; ask for it with {@code --faults}. An
     * exploration has no receiver fleet to fault.
     */
    public static final Set<FaultKind> DEFAULT_KINDS = Set.copyOf(EnumSet.complementOf(EnumSet.of(
            FaultKind.WIPE_AND_REBUILD,
            FaultKind.WEBHOOK_SLOW,
            FaultKind.WEBHOOK_ERROR,
            FaultKind.WEBHOOK_THROTTLE,
            FaultKind.WEBHOOK_GONE,
            FaultKind.WEBHOOK_DOWN)));

    public ExploreBounds {
        kinds = Set.copyOf(kinds);
        targets = Set.copyOf(targets);
        require(maxFaults >= 1, "maxFaults must be at least 1");
        require(
                minWindow.toSeconds() >= 1 && minWindow.toMillis() % 1000 == 0,
                "minWindow must be whole seconds, at least 1s");
        require(
                maxWindow.compareTo(minWindow) >= 0 && maxWindow.toMillis() % 1000 == 0,
                "maxWindow must be whole seconds, at least minWindow");
        require(!settle.isNegative(), "settle must not be negative");
        require(maxIntensity >= 0 && maxIntensity <= 1, "maxIntensity must be between 0 and 1");
        require(!kinds.isEmpty(), "kinds must not be empty");
    }

    /** Up to three faults of 5 s to 30 s, overlapping allowed, every intensity, every default kind and target. */
    public static ExploreBounds defaults() {
        return new ExploreBounds(
                3,
                Duration.ofSeconds(5),
                Duration.ofSeconds(30),
                Duration.ofSeconds(10),
                true,
                1.0,
                DEFAULT_KINDS,
                Set.of());
    }

    public ExploreBounds withKinds(Set<FaultKind> newKinds) {
        return new ExploreBounds(maxFaults, minWindow, maxWindow, settle, overlap, maxIntensity, newKinds, targets);
    }

    public ExploreBounds withTargets(Set<String> newTargets) {
        return new ExploreBounds(maxFaults, minWindow, maxWindow, settle, overlap, maxIntensity, kinds, newTargets);
    }

    private static void require(boolean condition, String message) {
        if (!condition) {
            throw new IllegalArgumentException(message);
        }
    }
}
