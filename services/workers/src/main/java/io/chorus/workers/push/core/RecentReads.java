package io.chorus.workers.push.core;

import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * Answers of the metadata store reused for at most {@code bound} after they were read (decision 0290): the push
 * worker asks the same question (who set this channel to {@code all}) for every message of a channel, and a busy
 * channel would otherwise cost one store query per message. A change lands at most {@code bound} later. Past
 * {@code maxEntries} the entries are cleared rather than evicted one by one: simple, and the cost is a burst of
 * reads.
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
        Entry<V> entry = entries.get(key);
        if (entry != null && now - entry.readAtNanos() < boundNanos) {
            return entry.value();
        }
        V value = read.get();
        if (entries.size() >= maxEntries) {
            entries.clear();
        }
        entries.put(key, new Entry<>(value, now));
        return value;
    }
}
