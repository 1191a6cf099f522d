package io.chorus.notification.core;

import io.chorus.common.presence.PresenceEntry;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * When each user online on this instance was last active (connected, or sent a frame other than {@code ping}), and
 * whether their presence entry says away. Away after {@code awayAfter} without activity; active again at the next
 * activity. Only a change of that flag needs a presence write at once: the refresh rewrites every entry anyway.
 */
public final class UserActivity {
    private final Duration awayAfter;
    private final Map<String, State> users = new ConcurrentHashMap<>();

    private static final class State {
        volatile Instant activeAt;
        volatile boolean away;

        State(Instant activeAt) {
            this.activeAt = activeAt;
        }
    }

    public UserActivity(Duration awayAfter) {
        if (awayAfter.isNegative() || awayAfter.isZero()) {
            throw new IllegalArgumentException("awayAfter must be positive");
        }
        this.awayAfter = awayAfter;
    }

    /** Records activity; true when the user's entry said away (or there was none): it must be written now. */
    public boolean active(String userId, Instant now) {
        State[] before = new State[1];
        State state = users.compute(userId, (u, s) -> {
            before[0] = s;
            return s == null ? new State(now) : s;
        });
        synchronized (state) {
            if (now.isAfter(state.activeAt)) {
                state.activeAt = now;
            }
            boolean wasAway = state.away;
            state.away = false;
            return before[0] == null || wasAway;
        }
    }

    /** Of {@code online}, the users not active for {@code awayAfter} whose entry said online: now marked away. */
    public List<String> goneAway(Collection<String> online, Instant now) {
        Instant threshold = now.minus(awayAfter);
        List<String> gone = new ArrayList<>();
        for (String userId : online) {
            State state = users.get(userId);
            if (state == null) {
                continue;
            }
            synchronized (state) {
                if (!state.away && state.activeAt.isBefore(threshold)) {
                    state.away = true;
                    gone.add(userId);
                }
            }
        }
        return gone;
    }

    /** The user's presence entry as this instance holds it. */
    public PresenceEntry entry(String userId, String instanceId, Instant now) {
        State state = users.computeIfAbsent(userId, u -> new State(now));
        synchronized (state) {
            return new PresenceEntry(instanceId, state.away, state.activeAt.toEpochMilli());
        }
    }

    /** The user has no session left here. */
    public void forget(String userId) {
        users.remove(userId);
    }
}
