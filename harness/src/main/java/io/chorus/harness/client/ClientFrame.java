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
}
