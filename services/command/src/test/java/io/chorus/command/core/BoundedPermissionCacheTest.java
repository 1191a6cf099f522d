package io.chorus.command.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class BoundedPermissionCacheTest {
    private final Map<String, String> bucket = new HashMap<>();
    private final AtomicInteger reads = new AtomicInteger();
    private final AtomicLong clock = new AtomicLong();
    private final Permissions source = new Permissions() {
        @Override
        public Optional<String> role(String channelId, String userId) {
            reads.incrementAndGet();
            return Optional.ofNullable(bucket.get(channelId + "." + userId));
        }

        @Override
        public Optional<String> kind(String channelId) {
            reads.incrementAndGet();
            return Optional.ofNullable(bucket.get(channelId));
        }
    };

    @Test
    void aRemovedMemberIsSeenAsRemovedOnceTheBoundHasPassed() {
        BoundedPermissionCache cache = new BoundedPermissionCache(source, Duration.ofSeconds(1), 100, clock::get);
        bucket.put("c.u", "member");
        assertThat(cache.role("c", "u")).contains("member");
        bucket.remove("c.u");
        clock.set(Duration.ofMillis(999).toNanos());
        assertThat(cache.role("c", "u")).as("still within the bound").contains("member");
        clock.set(Duration.ofSeconds(1).toNanos());
        assertThat(cache.role("c", "u")).as("at the bound").isEmpty();
        assertThat(reads.get()).isEqualTo(2);
    }

    @Test
    void aZeroBoundNeverCaches() {
        BoundedPermissionCache cache = new BoundedPermissionCache(source, Duration.ZERO, 100, clock::get);
        cache.kind("c");
        cache.kind("c");
        assertThat(reads.get()).isEqualTo(2);
    }

    @Test
    void aFullCacheStartsOver() {
        BoundedPermissionCache cache = new BoundedPermissionCache(source, Duration.ofSeconds(1), 2, clock::get);
        cache.kind("a");
        cache.kind("b");
        cache.kind("c");
        cache.kind("a");
        assertThat(reads.get()).isEqualTo(4);
    }
}
