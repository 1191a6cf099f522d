package io.chorus.common.api;

import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * One token bucket per key (a user id): {@code ratePerSecond} tokens refill continuously up to {@code burst}. A
 * request takes one token or is refused. Buckets idle long enough to be full again are forgotten, so memory
 * follows the active users, not all users ever seen.
 */
public final class TokenBuckets {
    private static final int SWEEP_ABOVE = 100_000;

    private final double ratePerNano;
    private final double burst;
    private final LongSupplier nanoClock;
    private final ConcurrentHashMap<String, Bucket> buckets = new ConcurrentHashMap<>();

    private static final class Bucket {
        double tokens;
        long updatedNanos;

        Bucket(double tokens, long now) {
            this.tokens = tokens;
            this.updatedNanos = now;
        }
    }

    public TokenBuckets(double ratePerSecond, int burst) {
        this(ratePerSecond, burst, System::nanoTime);
    }

    /** With a clock of its own (tests). */
    public TokenBuckets(double ratePerSecond, int burst, LongSupplier nanoClock) {
        if (ratePerSecond <= 0 || burst < 1) {
            throw new IllegalArgumentException("rate must be positive and burst at least 1");
        }
        this.ratePerNano = ratePerSecond / 1e9;
        this.burst = burst;
        this.nanoClock = nanoClock;
    }

    /** Takes one token for the key; false when its bucket is empty. */
    public boolean tryTake(String key) {
        long now = nanoClock.getAsLong();
        if (buckets.size() > SWEEP_ABOVE) {
            buckets.values().removeIf(b -> refilled(b, now) >= burst);
        }
        Bucket bucket = buckets.computeIfAbsent(key, k -> new Bucket(burst, now));
        synchronized (bucket) {
            bucket.tokens = refilled(bucket, now);
            bucket.updatedNanos = now;
            if (bucket.tokens < 1) {
                return false;
            }
            bucket.tokens -= 1;
            return true;
        }
    }

    /** Drops a key's bucket at once (a closed session's), instead of waiting for a sweep. */
    public void forget(String key) {
        buckets.remove(key);
    }

    private double refilled(Bucket bucket, long now) {
        return Math.min(burst, bucket.tokens + (now - bucket.updatedNanos) * ratePerNano);
    }
}
