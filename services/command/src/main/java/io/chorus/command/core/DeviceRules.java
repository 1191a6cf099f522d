package io.chorus.command.core;

import io.chorus.common.push.Devices;
import io.chorus.common.push.NotificationLevel;

/** What a well-formed device registration and notification level look like; each check throws a 422. */
public final class DeviceRules {
    private DeviceRules() {}

    public static String platform(String value) {
        if (!Devices.isPlatform(value)) {
            throw CommandRules.invalid("platform must be one of apns, fcm");
        }
        return value;
    }

    /** A provider token: printable ASCII without spaces, as both providers issue them. */
    public static String token(String value) {
        return printable("token", value, Devices.MAX_TOKEN_CHARS);
    }

    /** The app the token was issued to (an APNs topic, an FCM project): printable ASCII without spaces. */
    public static String appId(String value) {
        return printable("appId", value, Devices.MAX_APP_ID_CHARS);
    }

    public static NotificationLevel level(String value) {
        return NotificationLevel.named(value)
                .orElseThrow(() -> CommandRules.invalid("level must be one of all, mentions, mute"));
    }

    private static String printable(String field, String value, int max) {
        if (value == null
                || value.isEmpty()
                || value.length() > max
                || !value.chars().allMatch(c -> c > 32 && c < 127)) {
            throw CommandRules.invalid(field + " must be 1-" + max + " printable ASCII characters without spaces");
        }
        return value;
    }
}
