package io.chorus.notification.core;

import com.fasterxml.jackson.databind.JsonNode;
import io.chorus.common.events.EventTypes;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What a channel or membership change ({@code META} event) means to one user, as a frame (docs/protocol.md):
 * {@code channel_added} when it makes the user a member, {@code channel_removed} when it removes the user,
 * {@code channel_updated} and {@code members_changed} for a channel the user is in. Resume replays changes with it.
 */
public final class ChannelChanges {
    private ChannelChanges() {}

    /**
     * @param member whether the user is in the channel (for a removal: was, up to it)
     * @param envelope the event as published, embedded in {@code channel_*} frames
     */
    public static Optional<LiveSession.ChangeFrame> frameFor(
            String userId, boolean member, String channelId, JsonNode event, byte[] envelope) {
        JsonNode payload = event.path("payload");
        switch (event.path("type").asText()) {
            case EventTypes.CHANNEL_CREATED -> {
                boolean mine = userId.equals(event.path("actorId").asText())
                        || userIds(payload.path("members")).contains(userId);
                return mine ? Optional.of(change(Frames.CHANNEL_ADDED, channelId, envelope)) : Optional.empty();
            }
            case EventTypes.MEMBERS_ADDED -> {
                List<String> added = userIds(payload.path("userIds"));
                if (added.contains(userId)) {
                    return Optional.of(change(Frames.CHANNEL_ADDED, channelId, envelope));
                }
                return member
                        ? Optional.of(r -> Frames.membersChanged(channelId, Frames.MEMBERS_JOINED, added, r))
                        : Optional.empty();
            }
            case EventTypes.MEMBER_REMOVED -> {
                String removed = payload.path("userId").asText();
                if (userId.equals(removed)) {
                    return Optional.of(change(Frames.CHANNEL_REMOVED, channelId, envelope));
                }
                return member
                        ? Optional.of(r -> Frames.membersChanged(channelId, Frames.MEMBERS_LEFT, List.of(removed), r))
                        : Optional.empty();
            }
            case EventTypes.CHANNEL_UPDATED -> {
                return member ? Optional.of(change(Frames.CHANNEL_UPDATED, channelId, envelope)) : Optional.empty();
            }
            default -> {
                return Optional.empty();
            }
        }
    }

    private static LiveSession.ChangeFrame change(String op, String channelId, byte[] envelope) {
        return r -> Frames.channelChange(op, channelId, r, envelope);
    }

    private static List<String> userIds(JsonNode ids) {
        List<String> users = new ArrayList<>();
        ids.forEach(id -> users.add(id.asText()));
        return users;
    }
}
