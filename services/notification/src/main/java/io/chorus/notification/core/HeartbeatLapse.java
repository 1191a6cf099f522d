package io.chorus.notification.core;

import java.time.Duration;

/**
 * Tells whether this instance's heartbeat may have expired in the {@code instances} KV between two successful
 * writes, that is whether a fan-out may have dropped the instance from its routing table (decision 0070). A write
 * lands somewhere between its start and its end, so the entry may have lapsed when a write ended more than the TTL
 * after the previous successful one began: the instance was paused, starved of CPU, or its writes failed or crawled.
 * A failed write changes nothing (the next success is measured from the last one). Erring towards "lapsed" costs a
 * resume of every session; erring the other way costs a silent gap, so the bound is the loose one.
 */
public final class HeartbeatLapse {
    private final long ttlNanos;
    private boolean anyWritten;
    private long previousStart;

    public HeartbeatLapse(Duration ttl) {
        this.ttlNanos = ttl.toNanos();
    }

    /**
     * A heartbeat write begun at {@code startedNanos} succeeded at {@code doneNanos} ({@link System#nanoTime}).
     *
     * @return true when the entry may have expired since the previous successful write
     */
    public synchronized boolean written(long startedNanos, long doneNanos) {
        boolean lapsed = anyWritten && doneNanos - previousStart > ttlNanos;
        anyWritten = true;
        previousStart = startedNanos;
        return lapsed;
    }
}
