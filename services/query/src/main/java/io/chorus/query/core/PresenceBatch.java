package io.chorus.query.core;

import io.chorus.common.api.ApiException;
import io.chorus.common.events.Subjects;
import io.chorus.common.presence.PresenceEntry;
import io.chorus.common.presence.PresenceStatus;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * {@code GET /v1/users/presence?ids=a,b,c}: which users are asked for (1 to {@link #MAX_IDS} distinct valid ids,
 * else 400 and nothing read) and what each is shown: offline without an entry or when the entry names an instance
 * whose heartbeat has expired (it died without deleting its users' entries, decision 0087), else the entry's online
 * or away.
 */
public final class PresenceBatch {
    public static final int MAX_IDS = 100;

    private PresenceBatch() {}

    /** One user's presence as the endpoint answers it. */
    public record UserPresence(String userId, PresenceStatus status) {}

    /** The distinct ids of the {@code ids} parameter, in the order asked. */
    public static List<String> parse(String ids) {
        if (ids == null || ids.isBlank()) {
            throw new ApiException(400, "invalid_ids", "ids is a comma-separated list of 1-" + MAX_IDS + " user ids");
        }
        Set<String> distinct = new LinkedHashSet<>();
        for (String id : ids.split(",", -1)) {
            if (!Subjects.isToken(id)) {
                throw new ApiException(400, "invalid_ids", "user ids are 1-64 of A-Z a-z 0-9 _ -");
            }
            distinct.add(id);
            if (distinct.size() > MAX_IDS) {
                throw new ApiException(400, "too_many_ids", "at most " + MAX_IDS + " user ids per request");
            }
        }
        return List.copyOf(distinct);
    }

    /**
     * @param entries each asked user's entry, empty when there is none
     * @param liveInstances of the instances the entries name, those with a heartbeat; an entry naming no instance
     *     (written before entries named theirs) is believed
     */
    public static List<UserPresence> statuses(
            List<String> users, Map<String, Optional<PresenceEntry>> entries, Set<String> liveInstances) {
        List<UserPresence> answer = new ArrayList<>(users.size());
        for (String user : users) {
            PresenceStatus status = entries.getOrDefault(user, Optional.empty())
                    .filter(e -> e.instanceId().isEmpty() || liveInstances.contains(e.instanceId()))
                    .map(PresenceEntry::status)
                    .orElse(PresenceStatus.OFFLINE);
            answer.add(new UserPresence(user, status));
        }
        return answer;
    }
}
