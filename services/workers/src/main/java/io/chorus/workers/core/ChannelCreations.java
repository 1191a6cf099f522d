package io.chorus.workers.core;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Which {@code channel.created} events of a batch come late for a channel that already exists (decision 0100). A
 * channel is created once: a later {@code channel.created} for it is applied only as the same creation again (the
 * stored creator and kind: a redelivery, or an admin's re-import of the channel's line, whose members are then added
 * without lowering any role). From anyone else, or of another kind, it would make its actor an owner of someone
 * else's channel, so it is refused and dead-lettered, whatever META's retention has forgotten.
 */
public final class ChannelCreations {
    /** Who created a channel, and as what kind. */
    public record Creation(String createdBy, String kind) {
        static Creation of(MetaEvent.ChannelCreated event) {
            return new Creation(event.actorId(), event.payload().kind());
        }
    }

    private ChannelCreations() {}

    /** The channels the batch's {@code channel.created} events name, in order. */
    public static Set<String> named(List<MetaEvent> events) {
        Set<String> ids = new LinkedHashSet<>();
        for (MetaEvent event : events) {
            if (event instanceof MetaEvent.ChannelCreated created) {
                ids.add(created.channelId());
            }
        }
        return ids;
    }

    /**
     * @param stored the creations the store holds for (some of) the channels {@link #named} names
     * @return the index of each late creation in {@code events}, with why it is refused
     */
    public static Map<Integer, String> late(List<MetaEvent> events, Map<String, Creation> stored) {
        Map<String, Creation> known = new HashMap<>(stored);
        Map<Integer, String> late = new LinkedHashMap<>();
        for (int i = 0; i < events.size(); i++) {
            if (events.get(i) instanceof MetaEvent.ChannelCreated created) {
                Creation creation = Creation.of(created);
                Creation first = known.putIfAbsent(created.channelId(), creation);
                if (first != null && !first.equals(creation)) {
                    late.put(
                            i,
                            "channel " + created.channelId() + " exists (created by " + first.createdBy() + " as "
                                    + first.kind() + "): a channel.created by " + creation.createdBy() + " as "
                                    + creation.kind() + " is refused");
                }
            }
        }
        return late;
    }
}
