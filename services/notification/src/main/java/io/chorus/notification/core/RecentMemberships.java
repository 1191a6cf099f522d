package io.chorus.notification.core;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The membership changes this instance applied lately, laid over the channels a connecting session loads. The
 * store a session loads from (the permissions KV, or MongoDB) is written by the meta writer a moment after the
 * change reaches this instance: a session that loads its channels in that moment would otherwise keep a channel
 * its user was just removed from (and receive its events) or miss one it was just added to. Kept for
 * {@code ttlNanos}, far beyond the meta writer's usual lag, and at most {@code maxEntries} (oldest dropped first),
 * so a bulk import cannot grow it without bound. Decision 0250.
 */
public final class RecentMemberships {
    /**
     * The heap one change holds, measured: 200,000 changes of distinct users retained 99.7 MB (Java 17, serial
     * collector), about 520 bytes each.
     */
    static final long BYTES_PER_CHANGE = 520;

    /** The share of the heap the changes may hold: a small heap (decision 0223) must keep serving sessions. */
    static final int HEAP_SHARE = 10;

    private record Entry(String userId, String channelId, long at, long serial) {}

    private final long ttlNanos;
    private final int maxEntries;
    /** user to channel to the latest change: true added, false removed */
    private final Map<String, Map<String, Boolean>> latest = new HashMap<>();

    /** user to channel to the serial of its latest change, so an older entry expiring leaves a newer change */
    private final Map<String, Map<String, Long>> serials = new HashMap<>();

    private final ArrayDeque<Entry> order = new ArrayDeque<>();
    private long serial;

    /**
     * The most changes to keep on a heap of {@code heapBytes}: {@code limit}, or fewer when that many would take more
     * than a tenth of the heap. At its limit of 200,000 the changes of a bulk import took 100 MB, and every instance
     * with a 96 MB heap ran out of memory while a 1M-member channel was imported.
     */
    public static int maxEntriesFor(long heapBytes, int limit) {
        return (int) Math.max(1, Math.min(limit, heapBytes / HEAP_SHARE / BYTES_PER_CHANGE));
    }

    public RecentMemberships(long ttlNanos, int maxEntries) {
        this.ttlNanos = ttlNanos;
        this.maxEntries = maxEntries;
    }

    public synchronized void added(String userId, String channelId, long now) {
        record(userId, channelId, true, now);
    }

    public synchronized void removed(String userId, String channelId, long now) {
        record(userId, channelId, false, now);
    }

    /**
     * The channels a session of the user starts with: those loaded, less the ones the user was removed from lately,
     * plus the ones the user was added to lately. The loaded list itself when nothing changed for the user (the
     * common case costs one lookup, whatever the number of channels).
     */
    public synchronized List<String> apply(String userId, List<String> loaded, long now) {
        expire(now);
        Map<String, Boolean> changes = latest.get(userId);
        if (changes == null) {
            return loaded;
        }
        Set<String> channels = new LinkedHashSet<>(loaded);
        changes.forEach((channel, member) -> {
            if (member) {
                channels.add(channel);
            } else {
                channels.remove(channel);
            }
        });
        return new ArrayList<>(channels);
    }

    public synchronized int size() {
        return order.size();
    }

    private void record(String userId, String channelId, boolean member, long now) {
        expire(now);
        latest.computeIfAbsent(userId, k -> new HashMap<>()).put(channelId, member);
        serial++;
        serials.computeIfAbsent(userId, k -> new HashMap<>()).put(channelId, serial);
        order.addLast(new Entry(userId, channelId, now, serial));
        while (order.size() > maxEntries) {
            forget(order.removeFirst());
        }
    }

    private void expire(long now) {
        while (!order.isEmpty() && now - order.peekFirst().at() > ttlNanos) {
            forget(order.removeFirst());
        }
    }

    /** Drops an entry's change unless a later change of the same pair replaced it. */
    private void forget(Entry entry) {
        Map<String, Long> mine = serials.get(entry.userId());
        if (mine == null || !Long.valueOf(entry.serial()).equals(mine.get(entry.channelId()))) {
            return;
        }
        mine.remove(entry.channelId());
        latest.get(entry.userId()).remove(entry.channelId());
        if (mine.isEmpty()) {
            serials.remove(entry.userId());
            latest.remove(entry.userId());
        }
    }
}
