package io.chorus.common.routing;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A notification instance's index: channel to the local sessions of its online members. The reference count of
 * a channel is its number of sessions; every change that moves a count between 0 and 1 is interest the instance
 * gained or lost, which it announces to the fan-out ({@link Change}). A user may hold several sessions.
 *
 * <p>Delivery reads ({@link #sessionsFor}) are lock-free on immutable per-channel sets; changes are serialized.
 *
 * @param <S> the session type
 */
public final class LocalIndex<S> {
    /** Channels that went from no local session to one ({@code gained}) or back ({@code lost}). */
    public record Change(List<String> gained, List<String> lost) {
        public boolean isEmpty() {
            return gained.isEmpty() && lost.isEmpty();
        }
    }

    private final ConcurrentHashMap<String, Set<S>> sessions = new ConcurrentHashMap<>();
    private final Map<S, Set<String>> channelsOf = new HashMap<>();
    private final Map<String, Set<S>> sessionsOfUser = new HashMap<>();
    private final Map<S, String> userOf = new HashMap<>();

    public Set<S> sessionsFor(String channelId) {
        return sessions.getOrDefault(channelId, Set.of());
    }

    public synchronized Change connect(S session, String userId, Iterable<String> channels) {
        userOf.put(session, userId);
        sessionsOfUser.computeIfAbsent(userId, k -> new HashSet<>()).add(session);
        Set<String> mine = channelsOf.computeIfAbsent(session, k -> new HashSet<>());
        List<String> gained = new ArrayList<>();
        for (String channel : channels) {
            if (mine.add(channel) && add(channel, session)) {
                gained.add(channel);
            }
        }
        return new Change(gained, List.of());
    }

    public synchronized Change disconnect(S session) {
        Set<String> mine = channelsOf.remove(session);
        String user = userOf.remove(session);
        if (user != null) {
            Set<S> userSessions = sessionsOfUser.get(user);
            userSessions.remove(session);
            if (userSessions.isEmpty()) {
                sessionsOfUser.remove(user);
            }
        }
        List<String> lost = new ArrayList<>();
        if (mine != null) {
            for (String channel : mine) {
                if (remove(channel, session)) {
                    lost.add(channel);
                }
            }
        }
        return new Change(List.of(), lost);
    }

    /** A user joined a channel: every session of theirs here starts receiving it. */
    public synchronized Change join(String userId, String channelId) {
        List<String> gained = new ArrayList<>();
        for (S session : sessionsOfUser.getOrDefault(userId, Set.of())) {
            if (channelsOf.get(session).add(channelId) && add(channelId, session)) {
                gained.add(channelId);
            }
        }
        return new Change(gained, List.of());
    }

    /** A user left or was removed: none of their sessions here receives the channel any more. */
    public synchronized Change leave(String userId, String channelId) {
        List<String> lost = new ArrayList<>();
        for (S session : sessionsOfUser.getOrDefault(userId, Set.of())) {
            if (channelsOf.get(session).remove(channelId) && remove(channelId, session)) {
                lost.add(channelId);
            }
        }
        return new Change(List.of(), lost);
    }

    /** Whether the session receives the channel (typing notices are accepted only for such channels). */
    public synchronized boolean receives(S session, String channelId) {
        Set<String> mine = channelsOf.get(session);
        return mine != null && mine.contains(channelId);
    }

    public synchronized List<String> onlineUsers() {
        return new ArrayList<>(sessionsOfUser.keySet());
    }

    public synchronized List<S> allSessions() {
        return new ArrayList<>(channelsOf.keySet());
    }

    /** The user's sessions here (none when offline). */
    public synchronized List<S> sessionsOf(String userId) {
        return new ArrayList<>(sessionsOfUser.getOrDefault(userId, Set.of()));
    }

    public synchronized boolean isOnline(String userId) {
        return sessionsOfUser.containsKey(userId);
    }

    public synchronized Set<String> channelsOf(S session) {
        return Set.copyOf(channelsOf.getOrDefault(session, Set.of()));
    }

    /** Every channel with a local session: what a full re-announce sends. */
    public List<String> channels() {
        return new ArrayList<>(sessions.keySet());
    }

    public int refs(String channelId) {
        return sessionsFor(channelId).size();
    }

    public synchronized int sessionCount() {
        return channelsOf.size();
    }

    /** True when the channel had no session before. */
    private boolean add(String channel, S session) {
        boolean[] first = {false};
        sessions.compute(channel, (c, set) -> {
            if (set == null) {
                first[0] = true;
                return Set.of(session);
            }
            Set<S> copy = new HashSet<>(set);
            copy.add(session);
            return Set.copyOf(copy);
        });
        return first[0];
    }

    /** True when the channel has no session left. */
    private boolean remove(String channel, S session) {
        boolean[] last = {false};
        sessions.computeIfPresent(channel, (c, set) -> {
            if (!set.contains(session)) {
                return set;
            }
            if (set.size() == 1) {
                last[0] = true;
                return null;
            }
            Set<S> copy = new HashSet<>(set);
            copy.remove(session);
            return Set.copyOf(copy);
        });
        return last[0];
    }
}
