package io.chorus.query.core;

import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * Remembers, for a while, which users were found in more channels than a search filter lists (decision 0043), so
 * that their next searches go straight to the verified path without reading their first 1,001 memberships again.
 * Remembering is safe whatever happens meanwhile: the verified path checks every hit's channel at query time, so a
 * user who has since left channels gets correct (if shorter) pages; only the choice of path is cached, never a
 * membership. Past {@code maxEntries} the memo is cleared rather than evicted entry by entry.
 */
public final class ManyChannelUsers {
    private final long forNanos;
    private final int maxEntries;
    private final LongSupplier nanoClock;
    private final ConcurrentHashMap<String, Long> seenAt = new ConcurrentHashMap<>();

    public ManyChannelUsers(Duration remembered, int maxEntries) {
        this(remembered, maxEntries, System::nanoTime);
    }

    ManyChannelUsers(Duration remembered, int maxEntries, LongSupplier nanoClock) {
        this.forNanos = remembered.toNanos();
        this.maxEntries = maxEntries;
        this.nanoClock = nanoClock;
    }

    public boolean isKnown(String userId) {
        Long at = seenAt.get(userId);
        if (at == null) {
            return false;
        }
        if (nanoClock.getAsLong() - at >= forNanos) {
            seenAt.remove(userId, at);
            return false;
        }
        return true;
    }

    public void remember(String userId) {
        if (forNanos <= 0) {
            return;
        }
        if (seenAt.size() >= maxEntries) {
            seenAt.clear();
        }
        seenAt.put(userId, nanoClock.getAsLong());
    }
}
