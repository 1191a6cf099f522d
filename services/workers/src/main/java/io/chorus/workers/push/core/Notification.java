package io.chorus.workers.push.core;

import java.util.UUID;

/**
 * One notification to one device: what both senders need. The collapse key is the channel, so a device shows the
 * newest notification of a channel rather than a stack of them; the message id is the notification's own id.
 */
public record Notification(
        UUID messageId,
        String channelId,
        String authorId,
        String deviceId,
        String userId,
        String platform,
        String token,
        String appId,
        PushRecipients.Reason reason,
        String text) {
    /** The body shown: the message text, cut to what a lock screen shows. */
    public static final int MAX_BODY_CHARS = 180;

    public String title() {
        return switch (reason) {
            case DIRECT -> authorId;
            case MENTION -> authorId + " mentioned you in " + channelId;
            case CHANNEL -> authorId + " in " + channelId;
        };
    }

    public String body() {
        if (text == null) {
            return "";
        }
        if (text.length() <= MAX_BODY_CHARS) {
            return text;
        }
        int end = MAX_BODY_CHARS - 1;
        // never cut a surrogate pair in two
        if (Character.isHighSurrogate(text.charAt(end - 1))) {
            end--;
        }
        return text.substring(0, end) + "\u2026";
    }

    public String collapseKey() {
        return channelId;
    }

    public String idempotencyKey() {
        return PushKeys.of(messageId, deviceId);
    }
}
