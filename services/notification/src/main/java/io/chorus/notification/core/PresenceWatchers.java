package io.chorus.notification.core;

import io.chorus.common.presence.PresenceStatus;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Which sessions of this instance watch which users' presence, and the status each watched user was last told
 * with, so that the instance's one watch of the {@code presence} bucket turns the stream of entry writes (every
 * online user's entry is rewritten every few minutes) into a frame only when a status changes. A user nobody here
 * watches costs a map lookup per write.
 */
public final class PresenceWatchers<S> {
    private final Map<String, Set<S>> byUser = new HashMap<>();
    private final Map<S, Set<String>> bySession = new HashMap<>();
    private final Map<String, PresenceStatus> told = new HashMap<>();

    /** The session now watches exactly {@code users} (none: it stops watching). */
    public synchronized void replace(S session, Set<String> users) {
        remove(session);
        if (users.isEmpty()) {
            return;
        }
        bySession.put(session, Set.copyOf(users));
        for (String user : users) {
            byUser.computeIfAbsent(user, u -> new HashSet<>()).add(session);
        }
    }

    /** The session closed. */
    public synchronized void remove(S session) {
        Set<String> users = bySession.remove(session);
        if (users == null) {
            return;
        }
        for (String user : users) {
            Set<S> sessions = byUser.get(user);
            sessions.remove(session);
            if (sessions.isEmpty()) {
                byUser.remove(user);
                told.remove(user);
            }
        }
    }

    /** The status read for a snapshot: kept as told unless a change has been told meanwhile. */
    public synchronized void known(String user, PresenceStatus status) {
        if (byUser.containsKey(user)) {
            told.putIfAbsent(user, status);
        }
    }

    /** The entry of {@code user} was written or deleted: the sessions to tell, none when its status is unchanged. */
    public synchronized List<S> changed(String user, PresenceStatus status) {
        Set<S> sessions = byUser.get(user);
        if (sessions == null || status == told.put(user, status)) {
            return List.of();
        }
        return List.copyOf(sessions);
    }

    /** How many users the instance watches, for tests and metrics. */
    public synchronized int watchedUsers() {
        return byUser.size();
    }
}
