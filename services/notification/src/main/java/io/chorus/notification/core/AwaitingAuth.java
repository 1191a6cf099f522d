package io.chorus.notification.core;

import java.util.HashMap;
import java.util.Map;

/**
 * The sockets of this instance that are open but not yet authenticated, bounded in number on the instance and,
 * when {@code maxPerAddress} is above 0, per remote address. {@code authTimeout} bounds how long such a socket
 * lives; this bounds how many live at once, so that a client cannot hold thousands of connections (each with its
 * buffers and a timer) without ever showing a token.
 */
public final class AwaitingAuth {
    private final int max;
    private final int maxPerAddress;
    private final Map<String, Integer> byAddress = new HashMap<>();
    private int total;

    /** @param maxPerAddress 0 for no bound per address */
    public AwaitingAuth(int max, int maxPerAddress) {
        if (max < 1 || maxPerAddress < 0) {
            throw new IllegalArgumentException(
                    "max must be at least 1 and maxPerAddress not negative: " + max + ", " + maxPerAddress);
        }
        this.max = max;
        this.maxPerAddress = maxPerAddress;
    }

    public int max() {
        return max;
    }

    /** Counts a socket from {@code address} as awaiting its token; false (nothing counted) past either bound. */
    public synchronized boolean tryAdmit(String address) {
        if (total >= max) {
            return false;
        }
        if (maxPerAddress > 0 && byAddress.getOrDefault(address, 0) >= maxPerAddress) {
            return false;
        }
        total++;
        if (maxPerAddress > 0) {
            byAddress.merge(address, 1, Integer::sum);
        }
        return true;
    }

    /** A counted socket authenticated, failed to, or closed. */
    public synchronized void release(String address) {
        if (total > 0) {
            total--;
        }
        if (maxPerAddress > 0) {
            byAddress.computeIfPresent(address, (a, count) -> count <= 1 ? null : count - 1);
        }
    }

    public synchronized int awaiting() {
        return total;
    }

    public synchronized int awaitingFrom(String address) {
        return byAddress.getOrDefault(address, 0);
    }
}
