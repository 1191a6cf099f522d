package io.chorus.harness.history;

import java.time.Instant;

/**
 * The one clock of a run: wall time at start, advanced by {@link System#nanoTime()}, so times are monotonic within
 * the run (a wall-clock step cannot make a latency negative) yet readable as epoch microseconds.
 */
public final class RunClock {
    private final long startMicros;
    private final long startNanos;

    public RunClock() {
        Instant now = Instant.now();
        this.startMicros = now.getEpochSecond() * 1_000_000L + now.getNano() / 1_000;
        this.startNanos = System.nanoTime();
    }

    public long nowMicros() {
        return startMicros + (System.nanoTime() - startNanos) / 1_000;
    }

    public long startMicros() {
        return startMicros;
    }
}
