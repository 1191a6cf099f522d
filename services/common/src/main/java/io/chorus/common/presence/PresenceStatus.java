package io.chorus.common.presence;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** What a client is shown of a user: a session somewhere and active lately, a session but idle, or none. */
public enum PresenceStatus {
    ONLINE,
    AWAY,
    OFFLINE;

    @JsonValue
    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }
}
