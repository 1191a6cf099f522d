package io.chorus.common.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class TokenBucketsTest {
    @Test
    void aBurstIsAllowedThenTheRate() {
        AtomicLong clock = new AtomicLong();
        TokenBuckets buckets = new TokenBuckets(10, 5, clock::get);
        for (int i = 0; i < 5; i++) {
            assertThat(buckets.tryTake("u")).isTrue();
        }
        assertThat(buckets.tryTake("u")).isFalse();
        assertThat(buckets.tryTake("other")).as("buckets are per user").isTrue();
        clock.set(100_000_000L); // 100 ms at 10/s: one token back
        assertThat(buckets.tryTake("u")).isTrue();
        assertThat(buckets.tryTake("u")).isFalse();
        clock.set(10_000_000_000L);
        int allowed = 0;
        while (buckets.tryTake("u")) {
            allowed++;
        }
        assertThat(allowed).as("never more than the burst").isEqualTo(5);
    }
}
