package io.chorus.common.push;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.Optional;

/**
 * What a user is pushed about in one channel (decision 0200): every message, only direct messages and mentions
 * (the default, also for a channel never set), or nothing.
 */
public enum NotificationLevel {
    ALL("all"),
    MENTIONS("mentions"),
    MUTE("mute");

    public static final NotificationLevel DEFAULT = MENTIONS;

    private final String wireName;

    NotificationLevel(String wireName) {
        this.wireName = wireName;
    }

    @JsonValue
    public String wireName() {
        return wireName;
    }

    /** The level named {@code name}, if any. */
    public static Optional<NotificationLevel> named(String name) {
        return Arrays.stream(values()).filter(l -> l.wireName.equals(name)).findFirst();
    }

    @JsonCreator
    static NotificationLevel fromJson(String name) {
        return named(name).orElseThrow(() -> new IllegalArgumentException("unknown notification level " + name));
    }
}
