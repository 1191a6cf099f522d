package io.chorus.notification.core;

import io.chorus.common.events.Subjects;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.BiFunction;
import java.util.function.Predicate;

/**
 * A {@code watch_presence} frame turned into the users to watch: the members of at most {@code maxChannels} channels
 * the session is in, at most {@code maxUsers} of them in all (the watching user excluded), else refused as a whole
 * with the error the client is sent (decision 0253).
 */
public final class PresenceWatchRequest {
    private PresenceWatchRequest() {}

    /** The frame is refused: {@code code} and {@code message} of the {@code error} frame. */
    public static final class Refused extends Exception {
        private static final long serialVersionUID = 1L;
        private final String code;

        Refused(String code, String message) {
            super(message);
            this.code = code;
        }

        public String code() {
            return code;
        }
    }

    /**
     * @param receives whether the session is in the channel
     * @param members up to the given number of a channel's members
     */
    public static Set<String> users(
            String watcher,
            List<String> channelIds,
            int maxChannels,
            int maxUsers,
            Predicate<String> receives,
            BiFunction<String, Integer, List<String>> members)
            throws Refused {
        Set<String> channels = new LinkedHashSet<>(channelIds);
        if (channels.size() > maxChannels) {
            throw new Refused("too_many_watched", "watch the members of at most " + maxChannels + " channels");
        }
        for (String channel : channels) {
            if (!Subjects.isToken(channel) || !receives.test(channel)) {
                throw new Refused("not_a_member", "watch the members of channels you are a member of");
            }
        }
        Set<String> users = new LinkedHashSet<>();
        for (String channel : channels) {
            // one more than the bound with the watcher, so a channel past it is seen as such
            for (String user : members.apply(channel, maxUsers + 2)) {
                if (!user.equals(watcher)) {
                    users.add(user);
                }
            }
            if (users.size() > maxUsers) {
                throw new Refused("too_many_watched", "watch at most " + maxUsers + " users in all");
            }
        }
        return users;
    }
}
