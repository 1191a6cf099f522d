package io.chorus.common.routing;

import java.util.List;

/**
 * What a notification instance tells one fan-out partition about its interest: channels it gained (its first
 * online member) and lost (its last one left). {@code seq} counts the deltas this instance sent to this partition,
 * from 1; a fan-out that sees a gap asks the instance for a full re-announce. A delta with {@code reset} replaces
 * everything the fan-out knew about the instance (a full re-announce begins with one, and so does a fresh start).
 */
public record InterestDelta(
        String instanceId, int partition, long seq, boolean reset, List<String> gained, List<String> lost) {
    public InterestDelta {
        gained = gained == null ? List.of() : gained;
        lost = lost == null ? List.of() : lost;
    }
}
