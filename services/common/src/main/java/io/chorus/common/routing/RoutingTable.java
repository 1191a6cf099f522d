package io.chorus.common.routing;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The fan-out's routing table: channel to the notification instances holding at least one online member of it.
 * The reference count of a channel is the number of instances routed to it; a channel at zero is removed.
 *
 * <p>Fed by {@link InterestDelta}s. Each instance numbers its deltas; a delta that does not follow the last one
 * seen (a lost delta) is applied anyway but answered with {@link Applied#GAP}: the caller must then ask that
 * instance for a full re-announce, which begins with a {@code reset} delta that replaces all the instance's
 * entries. So a lost delta can leave a member unrouted only until the re-announce arrives.
 *
 * <p>Reads ({@link #instancesFor}) are lock-free on immutable per-channel sets; writes are serialized.
 */
public final class RoutingTable {
    public enum Applied {
        IN_ORDER,
        GAP
    }

    private final ConcurrentHashMap<String, Set<String>> routes = new ConcurrentHashMap<>();
    private final Map<String, Set<String>> channelsOf = new HashMap<>();
    private final Map<String, Long> lastSeq = new HashMap<>();

    /** The instances to publish a channel's event to; empty when no instance holds an online member. */
    public Set<String> instancesFor(String channelId) {
        return routes.getOrDefault(channelId, Set.of());
    }

    public synchronized Applied apply(InterestDelta delta) {
        String instance = delta.instanceId();
        Long previous = lastSeq.get(instance);
        boolean inOrder = delta.reset() || (previous == null ? delta.seq() == 1 : delta.seq() == previous + 1);
        if (delta.reset()) {
            dropChannelsOf(instance);
        }
        lastSeq.put(instance, Math.max(delta.seq(), previous == null ? 0 : previous));
        Set<String> mine = channelsOf.computeIfAbsent(instance, k -> new HashSet<>());
        for (String channel : delta.gained()) {
            if (mine.add(channel)) {
                routes.compute(channel, (c, set) -> with(set, instance));
            }
        }
        for (String channel : delta.lost()) {
            if (mine.remove(channel)) {
                routes.computeIfPresent(channel, (c, set) -> without(set, instance));
            }
        }
        return inOrder ? Applied.IN_ORDER : Applied.GAP;
    }

    /** Forgets an instance that stopped heartbeating (or restarted): none of its channels route to it any more. */
    public synchronized void dropInstance(String instanceId) {
        dropChannelsOf(instanceId);
        channelsOf.remove(instanceId);
        lastSeq.remove(instanceId);
    }

    /** The last delta sequence number seen from an instance (0 if none): compared with its heartbeat's. */
    public synchronized long lastSeq(String instanceId) {
        return lastSeq.getOrDefault(instanceId, 0L);
    }

    public synchronized Set<String> instances() {
        return Set.copyOf(channelsOf.keySet());
    }

    /** Channels with at least one route. */
    public int channelCount() {
        return routes.size();
    }

    /** (channel, instance) routes in all. */
    public synchronized long routeCount() {
        return channelsOf.values().stream().mapToLong(Set::size).sum();
    }

    private void dropChannelsOf(String instance) {
        Set<String> mine = channelsOf.get(instance);
        if (mine == null) {
            return;
        }
        for (String channel : mine) {
            routes.computeIfPresent(channel, (c, set) -> without(set, instance));
        }
        mine.clear();
    }

    private static Set<String> with(Set<String> set, String instance) {
        if (set == null) {
            return Set.of(instance);
        }
        Set<String> copy = new HashSet<>(set);
        copy.add(instance);
        return Set.copyOf(copy);
    }

    /** Null removes the channel: its reference count reached zero. */
    private static Set<String> without(Set<String> set, String instance) {
        if (!set.contains(instance)) {
            return set;
        }
        if (set.size() == 1) {
            return null;
        }
        Set<String> copy = new HashSet<>(set);
        copy.remove(instance);
        return Set.copyOf(copy);
    }
}
