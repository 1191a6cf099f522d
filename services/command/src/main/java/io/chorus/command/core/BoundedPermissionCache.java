package io.chorus.command.core;

import io.chorus.common.core.RecentReads;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import java.util.function.LongSupplier;

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
    private final Permissions source;
    private final RecentReads<Optional<String>> reads;

    public BoundedPermissionCache(Permissions source, Duration bound, int maxEntries) {
        this(source, bound, maxEntries, System::nanoTime);
    }

    BoundedPermissionCache(Permissions source, Duration bound, int maxEntries, LongSupplier nanoClock) {
        this.source = source;
        this.reads = new RecentReads<>(bound, maxEntries, nanoClock);
    }

    @Override
    public Optional<String> role(String channelId, String userId) {
        return reads.get(channelId + "." + userId, () -> source.role(channelId, userId));
    }

    @Override
    public Optional<String> kind(String channelId) {
        return reads.get(channelId, () -> source.kind(channelId));
    }

    /** The asynchronous view of this cache: misses are read from {@code source}, answers land in these entries. */
    public PermissionLookups over(PermissionLookups source) {
        return new PermissionLookups() {
            @Override
            public CompletionStage<Optional<String>> role(String channelId, String userId) {
                return reads.getLater(channelId + "." + userId, () -> source.role(channelId, userId));
            }

            @Override
            public CompletionStage<Optional<String>> kind(String channelId) {
                return reads.getLater(channelId, () -> source.kind(channelId));
            }
        };
    }
}
