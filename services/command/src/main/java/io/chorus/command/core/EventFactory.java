package io.chorus.command.core;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.chorus.common.events.EventEnvelope;
import io.chorus.common.events.UuidV7;
import java.time.Clock;
import java.util.UUID;

/** Wraps a payload in the one envelope, with a fresh UUIDv7 id and the time the command was accepted. */
public final class EventFactory {
    private final ObjectMapper json;
    private final Clock clock;

    public EventFactory(ObjectMapper json, Clock clock) {
        this.json = json;
        this.clock = clock;
    }

    public EventEnvelope event(String type, String channelId, String actorId, Object payload) {
        return event(UuidV7.generate(), type, channelId, actorId, payload);
    }

    public EventEnvelope event(UUID id, String type, String channelId, String actorId, Object payload) {
        return new EventEnvelope(id, type, channelId, actorId, clock.instant(), json.valueToTree(payload));
    }
}
