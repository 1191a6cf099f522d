package io.chorus.notification.core;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The server's frames (docs/protocol.md). An event frame embeds the event envelope exactly as it was published,
 * so the instance never re-encodes it.
 */
public final class Frames {
    public static final String CHANNEL_ADDED = "channel_added";
    public static final String CHANNEL_REMOVED = "channel_removed";
    public static final String CHANNEL_UPDATED = "channel_updated";
    public static final String MEMBERS_JOINED = "joined";
    public static final String MEMBERS_LEFT = "left";

    /** Past this many user ids in one change, a {@code members_changed} frame carries only the count. */
    public static final int MAX_LISTED_MEMBERS = 100;

    private Frames() {}

    public static String event(long seq, String channelId, ResumeToken resume, byte[] envelope) {
        return "{\"op\":\"event\",\"seq\":" + seq + ",\"channelId\":" + quote(channelId) + ",\"resume\":\""
                + resume.text() + "\",\"event\":" + new String(envelope, StandardCharsets.UTF_8) + "}";
    }

    public static String ready(String sessionId, String userId, int channels, ResumeToken resume, boolean resumed) {
        return "{\"op\":\"ready\",\"sessionId\":" + quote(sessionId) + ",\"userId\":" + quote(userId) + ",\"channels\":"
                + channels + ",\"resume\":\"" + resume.text() + "\",\"resumed\":" + resumed + "}";
    }

    public static String resyncRequired(String reason, ResumeToken resume) {
        return "{\"op\":\"resync_required\",\"reason\":" + quote(reason) + ",\"resume\":\"" + resume.text() + "\"}";
    }

    /**
     * A change of a channel as the user sees it, embedding the {@code META} event that made it: {@code op} is
     * {@link #CHANNEL_ADDED} (the user is now a member: its events follow), {@link #CHANNEL_REMOVED} (none follow)
     * or {@link #CHANNEL_UPDATED} (name or topic).
     */
    public static String channelChange(String op, String channelId, ResumeToken resume, byte[] metaEvent) {
        return "{\"op\":" + quote(op) + ",\"channelId\":" + quote(channelId) + ",\"resume\":\"" + resume.text()
                + "\",\"event\":" + new String(metaEvent, StandardCharsets.UTF_8) + "}";
    }

    /**
     * Members joined or left a channel the user is in: {@code userIds} listed up to {@link #MAX_LISTED_MEMBERS},
     * only the {@code count} past it.
     */
    public static String membersChanged(String channelId, String change, List<String> userIds, ResumeToken resume) {
        StringBuilder frame = new StringBuilder("{\"op\":\"members_changed\",\"channelId\":")
                .append(quote(channelId))
                .append(",\"change\":")
                .append(quote(change))
                .append(",\"count\":")
                .append(userIds.size())
                .append(",\"resume\":\"")
                .append(resume.text())
                .append('"');
        if (userIds.size() <= MAX_LISTED_MEMBERS) {
            frame.append(",\"userIds\":[");
            for (int i = 0; i < userIds.size(); i++) {
                frame.append(i > 0 ? "," : "").append(quote(userIds.get(i)));
            }
            frame.append(']');
        }
        return frame.append('}').toString();
    }

    /**
     * The user moved their read mark in a channel (decision 0251), told to each of their sessions so their devices
     * agree. Not replayed on resume: {@code GET /v1/users/me/channels} has the mark.
     */
    public static String read(String channelId, String lastReadMessageId) {
        return "{\"op\":\"read\",\"channelId\":" + quote(channelId) + ",\"lastReadMessageId\":"
                + quote(lastReadMessageId) + "}";
    }

    /** A watched user's presence (decision 0253): at the watch, then at each change. */
    public static String presence(String userId, io.chorus.common.presence.PresenceStatus status) {
        return "{\"op\":\"presence\",\"userId\":" + quote(userId) + ",\"status\":" + quote(status.wire()) + "}";
    }

    public static String pong() {
        return "{\"op\":\"pong\"}";
    }

    public static String typing(String channelId, byte[] notice) {
        return "{\"op\":\"typing\",\"channelId\":" + quote(channelId) + ",\"typing\":"
                + new String(notice, StandardCharsets.UTF_8) + "}";
    }

    public static String error(String code, String message) {
        return "{\"op\":\"error\",\"code\":" + quote(code) + ",\"message\":" + quote(message) + "}";
    }

    static String quote(String text) {
        return "\"" + new String(JsonStringEncoder.getInstance().quoteAsString(text)) + "\"";
    }
}
