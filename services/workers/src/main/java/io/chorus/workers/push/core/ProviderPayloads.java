package io.chorus.workers.push.core;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** The request bodies of the two providers for one notification (APNs payload, FCM HTTP v1 message). */
public final class ProviderPayloads {
    private ProviderPayloads() {}

    /** The APNs payload: an alert, a badge of one (the app sets the real count when opened), and the ids. */
    public static String apns(ObjectMapper json, Notification n) {
        ObjectNode root = json.createObjectNode();
        ObjectNode aps = root.putObject("aps");
        ObjectNode alert = aps.putObject("alert");
        alert.put("title", n.title());
        alert.put("body", n.body());
        aps.put("badge", 1);
        aps.put("thread-id", n.channelId());
        root.put("channelId", n.channelId());
        root.put("messageId", n.messageId().toString());
        return root.toString();
    }

    /** The FCM HTTP v1 {@code messages:send} body, collapsing per channel on Android and APNs alike. */
    public static String fcm(ObjectMapper json, Notification n) {
        ObjectNode root = json.createObjectNode();
        ObjectNode message = root.putObject("message");
        message.put("token", n.token());
        ObjectNode notification = message.putObject("notification");
        notification.put("title", n.title());
        notification.put("body", n.body());
        ObjectNode data = message.putObject("data");
        data.put("channelId", n.channelId());
        data.put("messageId", n.messageId().toString());
        message.putObject("android").put("collapse_key", n.collapseKey());
        message.putObject("apns").putObject("headers").put("apns-collapse-id", n.collapseKey());
        return root.toString();
    }
}
