package io.chorus.common.core;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * Answers of a store reused for at most {@code bound} after they were read, so a change lands at most {@code bound}
 * later: the command service's permission reads (decision 0063), the push worker's "who set this channel to
 * {@code all}" (decision 0290). Past {@code maxEntries} the entries are cleared rather than evicted one by one:
 * simple, and the cost is a burst of reads.
 *
 * @param <V> the answer, immutable
 */
public final class RecentReads<V> {
    private record Entry<V>(V value, long readAtNanos) {}

    private final long boundNanos;
    private final int maxEntries;
    private final LongSupplier nanoClock;
    private final ConcurrentHashMap<String, Entry<V>> entries = new ConcurrentHashMap<>();

    public RecentReads(Duration bound, int maxEntries) {
        this(bound, maxEntries, System::nanoTime);
    }

    public RecentReads(Duration bound, int maxEntries, LongSupplier nanoClock) {
        if (maxEntries < 1) {
            throw new IllegalArgumentException("maxEntries must be at least 1");
        }
        this.boundNanos = bound.toNanos();
        this.maxEntries = maxEntries;
        this.nanoClock = nanoClock;
    }

    /**
     * The answer for {@code key}: the one read less than the bound ago, else {@code read}'s (which may throw; then
     * nothing is remembered). A bound of zero reads every time.
     */
    public V get(String key, Supplier<V> read) {
        if (boundNanos <= 0) {
            return read.get();
        }
        // the clock is read before the store, so an entry's age never understates how old its answer is
        long now = nanoClock.getAsLong();
        Entry<V> entry = fresh(key, now);
        if (entry != null) {
            return entry.value();
        }
        V value = read.get();
        remember(key, new Entry<>(value, now));
        return value;
    }

    /** As {@link #get}, for a read that answers later: a hit is an already completed stage. */
    public CompletionStage<V> getLater(String key, Supplier<CompletionStage<V>> read) {
        if (boundNanos <= 0) {
            return read.get();
        }
        long now = nanoClock.getAsLong();
        Entry<V> entry = fresh(key, now);
        if (entry != null) {
            return CompletableFuture.completedFuture(entry.value());
        }
        // as above: the entry is dated when the read was asked, not when it answered
        return read.get().thenApply(value -> {
            remember(key, new Entry<>(value, now));
            return value;
        });
    }

    private Entry<V> fresh(String key, long now) {
        Entry<V> entry = entries.get(key);
        return entry != null && now - entry.readAtNanos() < boundNanos ? entry : null;
    }

    /**
     * Keeps the more recently asked of two answers: reads answer out of order, and an older answer landing after a
     * newer one must not replace it (it would still be within the bound, but needlessly stale).
     */
    private void remember(String key, Entry<V> entry) {
        if (entries.size() >= maxEntries) {
            entries.clear();
        }
        entries.merge(key, entry, (old, neu) -> neu.readAtNanos() - old.readAtNanos() >= 0 ? neu : old);
    }
}
