package io.chorus.notification.core;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * Which online users' presence entries to rewrite at each tick, so that every user's entry is rewritten once per
 * refresh period and the writes are spread evenly over it. Writing all of an instance's users at once is a burst of
 * thousands of replicated KV puts: with 5,000 users online the NATS servers spend most of a core for a second or two
 * each period, and the messages sent meanwhile are the slowest (decision 0083).
 *
 * <p>A user's slot is a hash of its id, so it is refreshed at the same phase every period, whatever else connects;
 * a user seen for the first time was written at connect, so waiting for its slot costs nothing.
 */
public final class PresenceRota {
    private final int slots;
    private long tick;

    /** {@code period} divided into ticks of {@code tick}: each tick refreshes about 1/slots of the users. */
    public PresenceRota(Duration period, Duration tick) {
        if (tick.isZero() || tick.isNegative() || period.compareTo(tick) < 0) {
            throw new IllegalArgumentException("a tick must be positive and no longer than the period");
        }
        this.slots = (int) (period.toMillis() / tick.toMillis());
    }

    public int slots() {
        return slots;
    }

    /** The users whose turn it is at this tick; each call is the next tick. */
    public synchronized List<String> next(Collection<String> online) {
        int slot = (int) (tick++ % slots);
        List<String> due = new ArrayList<>();
        for (String user : online) {
            if (slotOf(user) == slot) {
                due.add(user);
            }
        }
        return due;
    }

    int slotOf(String user) {
        return Math.floorMod(user.hashCode() * 0x9E3779B9, slots);
    }
}
