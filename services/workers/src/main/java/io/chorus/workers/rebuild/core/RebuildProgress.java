package io.chorus.workers.rebuild.core;

import java.time.Duration;
import java.time.Instant;
import java.util.Locale;

/**
 * How far a rebuild of one read store has got: the events replayed from {@code MESSAGES} against the stream's last
 * sequence when the rebuild started. Events written after that sequence are the live consumer's, so reaching it is
 * the end. The final line is what the harness reads: {@code rebuilt STORE: N events (K skipped) in S s, R events/s}.
 */
public final class RebuildProgress {
    /** How often a progress line is due. */
    public static final Duration EVERY = Duration.ofSeconds(1);

    private final String store;
    private final long lastSequence;
    private final Instant started;
    private long events;
    private long skipped;
    private long reached;
    private Instant reported;

    /** @param lastSequence the stream's last sequence when the rebuild started; 0 for an empty stream */
    public RebuildProgress(String store, long lastSequence, Instant started) {
        this.store = store;
        this.lastSequence = lastSequence;
        this.started = started;
        this.reported = started;
    }

    /** Counts a replayed batch: its size, how many of it the store had nothing to do with, its last sequence. */
    public void replayed(int batch, int skippedInBatch, long lastSequenceOfBatch) {
        events += batch;
        skipped += skippedInBatch;
        reached = Math.max(reached, lastSequenceOfBatch);
    }

    /** True once every event up to the last sequence at the start has been replayed. */
    public boolean done() {
        return reached >= lastSequence;
    }

    public long events() {
        return events;
    }

    /** True when a progress line is due at {@code now}; the next one is then due {@link #EVERY} later. */
    public boolean due(Instant now) {
        if (Duration.between(reported, now).compareTo(EVERY) < 0) {
            return false;
        }
        reported = now;
        return true;
    }

    public String line(Instant now) {
        return String.format(
                Locale.ROOT,
                "rebuilding %s: %d events, sequence %d of %d, %.0f events/s",
                store,
                events,
                reached,
                lastSequence,
                rate(now));
    }

    public String finalLine(Instant now) {
        return String.format(
                Locale.ROOT,
                "rebuilt %s: %d events (%d skipped) in %.1f s, %.0f events/s",
                store,
                events,
                skipped,
                seconds(now),
                rate(now));
    }

    private double rate(Instant now) {
        double seconds = seconds(now);
        return seconds <= 0 ? 0 : events / seconds;
    }

    private double seconds(Instant now) {
        return Duration.between(started, now).toMillis() / 1000.0;
    }
}
