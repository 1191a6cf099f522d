package io.chorus.workers.core;

import io.chorus.common.events.MetaPayloads;
import io.chorus.common.nats.PermissionsBucket;
import java.util.ArrayList;
import java.util.List;

/**
 * One write to the {@code permissions} bucket: a put of {@code value} at {@code key}, or a delete when value is
 * null. {@link #of} says which writes an event implies; applying them again changes nothing.
 */
public record PermissionChange(String key, String value) {
    public static List<PermissionChange> of(MetaEvent event) {
        List<PermissionChange> changes = new ArrayList<>();
        if (event instanceof MetaEvent.ChannelCreated e) {
            changes.add(new PermissionChange(PermissionsBucket.channelKey(e.channelId()), e.payload().kind()));
            changes.add(new PermissionChange(PermissionsBucket.membershipKey(e.channelId(), e.actorId()),
                    MetaPayloads.ROLE_OWNER));
            e.payload().members().stream().filter(m -> !m.equals(e.actorId())).forEach(m -> changes.add(
                    new PermissionChange(PermissionsBucket.membershipKey(e.channelId(), m), MetaPayloads.ROLE_MEMBER)));
        } else if (event instanceof MetaEvent.MembersAdded e) {
            e.userIds().forEach(u -> changes.add(
                    new PermissionChange(PermissionsBucket.membershipKey(e.channelId(), u), e.role())));
        } else if (event instanceof MetaEvent.MemberRemoved e) {
            changes.add(new PermissionChange(PermissionsBucket.membershipKey(e.channelId(), e.userId()), null));
        }
        return changes;
    }
}
