package io.chorus.common.presence;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * The value of {@code presence[<userId>]}: the instance holding the user's session, whether the user is away (no
 * activity on that instance for its {@code presence.awayAfter}), and the time of the last activity in epoch
 * milliseconds. No entry is offline. A value that is not such a JSON object (a bare instance id) reads as online.
 */
public record PresenceEntry(String instanceId, boolean away, long activeAt) {
    private static final ObjectMapper JSON = new ObjectMapper();

    public PresenceStatus status() {
        return away ? PresenceStatus.AWAY : PresenceStatus.ONLINE;
    }

    public byte[] encode() {
        return JSON.createObjectNode()
                .put("instanceId", instanceId)
                .put("away", away)
                .put("activeAt", activeAt)
                .toString()
                .getBytes(StandardCharsets.UTF_8);
    }

    /** The entry a stored value holds; a value that is no entry is read as an online user of an unknown instance. */
    public static PresenceEntry decode(byte[] value) {
        try {
            JsonNode node = JSON.readTree(value);
            if (node != null && node.isObject()) {
                return new PresenceEntry(
                        node.path("instanceId").asText(""),
                        node.path("away").asBoolean(false),
                        node.path("activeAt").asLong(0));
            }
        } catch (IOException notJson) {
            // an instance id as the value: online
        }
        return new PresenceEntry(new String(value, StandardCharsets.UTF_8), false, 0);
    }
}
