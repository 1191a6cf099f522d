package io.chorus.command.core;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * A small cache in front of the permissions bucket. An answer, yes or no, is reused for at most {@code bound}
 * after it was read, so a member removed from the bucket is refused at most {@code bound} later (and a member
 * just added may wait as long). Past {@code maxEntries} the cache is cleared rather than evicted entry by entry:
 * simple, and the cost is a burst of bucket reads.
 */
public final class BoundedPermissionCache implements Permissions {
    private record Entry(Optional<String> value, long readAtNanos) {
    }

    private final Permissions source;
    private final long boundNanos;
    private final int maxEntries;
    private final LongSupplier nanoClock;
    private final ConcurrentHashMap<String, Entry> entries = new ConcurrentHashMap<>();

    public BoundedPermissionCache(Permissions source, Duration bound, int maxEntries) {
        this(source, bound, maxEntries, System::nanoTime);
    }

    BoundedPermissionCache(Permissions source, Duration bound, int maxEntries, LongSupplier nanoClock) {
        this.source = source;
        this.boundNanos = bound.toNanos();
        this.maxEntries = maxEntries;
        this.nanoClock = nanoClock;
    }

    @Override
    public Optional<String> role(String channelId, String userId) {
        return cached(channelId + "." + userId, () -> source.role(channelId, userId));
    }

    @Override
    public Optional<String> kind(String channelId) {
        return cached(channelId, () -> source.kind(channelId));
    }

    private Optional<String> cached(String key, java.util.function.Supplier<Optional<String>> read) {
        if (boundNanos <= 0) {
            return read.get();
        }
        long now = nanoClock.getAsLong();
        Entry entry = entries.get(key);
        if (entry != null && now - entry.readAtNanos() < boundNanos) {
            return entry.value();
        }
        // the clock is read before the bucket, so the entry's age never understates how old the answer is
        Optional<String> value = read.get();
        if (entries.size() >= maxEntries) {
            entries.clear();
        }
        entries.put(key, new Entry(value, now));
        return value;
    }
}
