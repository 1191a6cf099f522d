package io.chorus.notification.core;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import java.nio.charset.StandardCharsets;

/**
 * The server's frames (docs/protocol.md). An event frame embeds the event envelope exactly as it was published,
 * so the instance never re-encodes it.
 */
public final class Frames {
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
