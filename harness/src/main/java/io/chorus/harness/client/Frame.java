package io.chorus.harness.client;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;

/**
 * A server frame of {@code /v1/ws} ({@code docs/protocol.md}, "Server frames"), one record per {@code op}. A frame
 * that is not JSON, or whose {@code op} the protocol does not name, is {@link Unknown} with its text.
 */
public sealed interface Frame {

    /** The resume token the frame carries (ready, event, resync_required, channel changes), else null. */
    default String resume() {
        return null;
    }

    /** The session is live; {@code resumed} when the resume token given was valid (missed events follow). */
    record Ready(String sessionId, String userId, long channels, String resume, boolean resumed) implements Frame {}

    /**
     * One event: {@code seq} its stream sequence (increasing within a channel), {@code event} the envelope as
     * published ({@code id}, {@code type}, {@code channelId}, {@code actorId}, {@code occurredAt}, {@code payload}).
     */
    record Event(long seq, String channelId, String resume, JsonNode event) implements Frame {
        public String eventId() {
            return event.path("id").asText(null);
        }

        public String type() {
            return event.path("type").asText(null);
        }
    }

    /** Someone is typing in a channel (best effort, never replayed). */
    record Typing(String channelId, String userId) implements Frame {}

    /** The server cannot replay what was missed: read history, then go on with {@code resume}. */
    record ResyncRequired(String reason, String resume) implements Frame {}

    /** The answer to a {@code ping}. */
    record Pong() implements Frame {}

    /**
     * A change of a channel as this user sees it, with the {@code META} event that made it ({@code event}):
     * {@code channel_added} (the user is a member now; the channel's events follow on this socket),
     * {@code channel_removed} (none follow) or {@code channel_updated} (its name or topic).
     */
    record ChannelChange(String op, String channelId, String resume, JsonNode event) implements Frame {}

    /** Members joined or left a channel the user is in: {@code userIds} empty when only the count is given. */
    record MembersChanged(String channelId, String change, long count, java.util.List<String> userIds, String resume)
            implements Frame {}

    /** The user moved their read mark in a channel, from this or another session (decision 0251). */
    record Read(String channelId, String lastReadMessageId) implements Frame {}

    /** A watched user's presence: {@code online}, {@code away} or {@code offline} (decision 0253). */
    record Presence(String userId, String status) implements Frame {}

    /**
     * A client frame was refused ({@code code} as the protocol lists them). Named for the protocol's {@code error}
     * op like every frame here, and always written {@code Frame.Error}, so it hides {@link java.lang.Error} nowhere.
     */
    @SuppressWarnings("JavaLangClash")
    record Error(String code, String message) implements Frame {}

    /** Not JSON, or an {@code op} the protocol does not name. */
    record Unknown(String text) implements Frame {}

    /** Reads one text frame. */
    static Frame parse(String text) {
        JsonNode f;
        try {
            f = HttpChorusClient.JSON.readTree(text);
        } catch (IOException notJson) {
            return new Unknown(text);
        }
        if (f == null || !f.isObject()) {
            return new Unknown(text);
        }
        String resume = f.path("resume").asText(null);
        return switch (f.path("op").asText("")) {
            case "ready" ->
                new Ready(
                        f.path("sessionId").asText(null),
                        f.path("userId").asText(null),
                        f.path("channels").asLong(),
                        resume,
                        f.path("resumed").asBoolean(false));
            case "event" ->
                new Event(f.path("seq").asLong(-1), f.path("channelId").asText(null), resume, f.path("event"));
            case "typing" ->
                new Typing(
                        f.path("channelId").asText(null),
                        f.path("typing").path("userId").asText(null));
            case "resync_required" -> new ResyncRequired(f.path("reason").asText(null), resume);
            case "channel_added", "channel_removed", "channel_updated" ->
                new ChannelChange(f.path("op").asText(), f.path("channelId").asText(null), resume, f.path("event"));
            case "members_changed" -> {
                java.util.List<String> ids = new java.util.ArrayList<>();
                f.path("userIds").forEach(id -> ids.add(id.asText()));
                yield new MembersChanged(
                        f.path("channelId").asText(null),
                        f.path("change").asText(null),
                        f.path("count").asLong(),
                        ids,
                        resume);
            }
            case "read" ->
                new Read(
                        f.path("channelId").asText(null),
                        f.path("lastReadMessageId").asText(null));
            case "presence" ->
                new Presence(f.path("userId").asText(null), f.path("status").asText(null));
            case "pong" -> new Pong();
            case "error" ->
                new Error(f.path("code").asText(null), f.path("message").asText(null));
            default -> new Unknown(text);
        };
    }
}
