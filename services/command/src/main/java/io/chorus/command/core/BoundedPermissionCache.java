package io.chorus.command.core;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * A small cache in front of the permissions bucket. An answer, yes or no, is reused for at most {@code bound}
 * after it was read, so a member removed from the bucket is refused at most {@code bound} later (and a member
 * just added may wait as long). Past {@code maxEntries} the cache is cleared rather than evicted entry by entry:
 * simple, and the cost is a burst of bucket reads.
 *
 * <p>{@link #over(PermissionLookups)} gives the same cache to asynchronous lookups (the send path, decision 0063):
 * a hit is an already completed stage, a miss is remembered when its read answers. Both views share the entries.
 */
public final class BoundedPermissionCache implements Permissions {
    private record Entry(Optional<String> value, long readAtNanos) {}

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

    /** The asynchronous view of this cache: misses are read from {@code source}, answers land in these entries. */
    public PermissionLookups over(PermissionLookups source) {
        return new PermissionLookups() {
            @Override
            public CompletionStage<Optional<String>> role(String channelId, String userId) {
                return cachedLater(channelId + "." + userId, () -> source.role(channelId, userId));
            }

            @Override
            public CompletionStage<Optional<String>> kind(String channelId) {
                return cachedLater(channelId, () -> source.kind(channelId));
            }
        };
    }

    private Optional<String> cached(String key, Supplier<Optional<String>> read) {
        if (boundNanos <= 0) {
            return read.get();
        }
        long now = nanoClock.getAsLong();
        Entry entry = fresh(key, now);
        if (entry != null) {
            return entry.value();
        }
        // the clock is read before the bucket, so the entry's age never understates how old the answer is
        Optional<String> value = read.get();
        remember(key, new Entry(value, now));
        return value;
    }

    private CompletionStage<Optional<String>> cachedLater(
            String key, Supplier<CompletionStage<Optional<String>>> read) {
        if (boundNanos <= 0) {
            return read.get();
        }
        long now = nanoClock.getAsLong();
        Entry entry = fresh(key, now);
        if (entry != null) {
            return CompletableFuture.completedFuture(entry.value());
        }
        // as above: the entry is dated when the read was asked, not when it answered
        return read.get().thenApply(value -> {
            remember(key, new Entry(value, now));
            return value;
        });
    }

    private Entry fresh(String key, long now) {
        Entry entry = entries.get(key);
        return entry != null && now - entry.readAtNanos() < boundNanos ? entry : null;
    }

    /**
     * Keeps the more recently asked of two answers: reads answer out of order, and an older answer landing after a
     * newer one must not replace it (it would still be within the bound, but needlessly stale).
     */
    private void remember(String key, Entry entry) {
        if (entries.size() >= maxEntries) {
            entries.clear();
        }
        entries.merge(key, entry, (old, neu) -> neu.readAtNanos() - old.readAtNanos() >= 0 ? neu : old);
    }
}
