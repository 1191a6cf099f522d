package io.chorus.command.api;

import java.util.List;

/** The bodies the Command Service accepts. Every field is checked by {@code core.CommandRules}, not here. */
public final class Requests {
    private Requests() {}

    /**
     * {@code POST /v1/channels}. {@code channelId} is optional: without it the id is derived from the
     * Idempotency-Key header (so a retry names the same channel) or generated.
     */
    public record CreateChannel(String channelId, String name, String kind, String topic, List<String> members) {}

    /** {@code PATCH /v1/channels/{id}}: a null field is left as it is. */
    public record UpdateChannel(String name, String topic) {}

    /** {@code POST /v1/channels/{id}/members}: one or many (up to 1,000) user ids; role defaults to member. */
    public record AddMembers(List<String> userIds, String role) {}

    /** {@code PUT /v1/users/me}. */
    public record UpdateProfile(String displayName) {}

    /** {@code POST /v1/channels/{id}/messages}: {@code clientMsgId} is the idempotency key of the send. */
    public record SendMessage(String clientMsgId, String text) {}

    /** {@code PATCH /v1/channels/{id}/messages/{messageId}}. */
    public record EditMessage(String text) {}

    /** {@code POST /v1/channels/{id}/messages/{messageId}/reactions}. */
    public record AddReaction(String emoji) {}

    /** {@code POST /v1/users/me/devices}. */
    public record RegisterDevice(String platform, String token, String appId) {}

    /** {@code POST /v1/channels/{id}/read}: the id of the newest message the caller has read. */
    public record MarkRead(String lastReadMessageId) {}

    /** {@code PUT /v1/users/me/channels/{channelId}/notifications}. */
    public record SetNotificationLevel(String level) {}
}
