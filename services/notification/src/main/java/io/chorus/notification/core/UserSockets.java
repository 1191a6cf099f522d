package io.chorus.notification.core;

import java.util.concurrent.ConcurrentHashMap;

/**
 * How many sessions each user holds on this instance, up to a cap. Every session costs its outbound buffer, its
 * place in the index and its share of every event of its channels; one token must not be able to open thousands.
 * Users without a session have no entry.
 */
public final class UserSockets {
    private final int max;
    private final ConcurrentHashMap<String, Integer> open = new ConcurrentHashMap<>();

    public UserSockets(int max) {
        if (max < 1) {
            throw new IllegalArgumentException("max must be at least 1: " + max);
        }
        this.max = max;
    }

    public int max() {
        return max;
    }

    /** Counts a new session of the user; false (and nothing counted) when the user is at the cap. */
    public boolean tryOpen(String userId) {
        boolean[] admitted = {false};
        open.compute(userId, (user, count) -> {
            int now = count == null ? 0 : count;
            if (now >= max) {
                return count;
            }
            admitted[0] = true;
            return now + 1;
        });
        return admitted[0];
    }

    /** A counted session closed. */
    public void closed(String userId) {
        open.computeIfPresent(userId, (user, count) -> count <= 1 ? null : count - 1);
    }

    /** Every counted session of this instance. */
    public int total() {
        return open.values().stream().mapToInt(Integer::intValue).sum();
    }

    public int openOf(String userId) {
        return open.getOrDefault(userId, 0);
    }
}
