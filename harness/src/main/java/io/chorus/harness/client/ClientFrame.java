package io.chorus.harness.client;

import com.fasterxml.jackson.databind.node.ObjectNode;

/** The client frames of {@code /v1/ws} ({@code docs/protocol.md}, "Client frames"), as the text sent. */
public final class ClientFrame {
    private ClientFrame() {}

    /** The first frame of a socket opened without a token in its URL; {@code resume} null for a fresh session. */
    public static String auth(String token, String resume) {
        ObjectNode f =
                HttpChorusClient.JSON.createObjectNode().put("op", "auth").put("token", token);
        if (resume != null) {
            f.put("resume", resume);
        }
        return f.toString();
    }

    public static String ping() {
        return "{\"op\":\"ping\"}";
    }

    public static String typing(String channelId) {
        return HttpChorusClient.JSON
                .createObjectNode()
                .put("op", "typing")
                .put("channelId", channelId)
                .toString();
    }

    /** The user did something: presence online again if it said away. */
    public static String active() {
        return "{\"op\":\"active\"}";
    }

    /** Watch the members of these channels (replacing the session's watch; none to stop). */
    public static String watchPresence(java.util.List<String> channelIds) {
        ObjectNode f = HttpChorusClient.JSON.createObjectNode().put("op", "watch_presence");
        channelIds.forEach(f.putArray("channelIds")::add);
        return f.toString();
    }
}
