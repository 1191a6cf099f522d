package io.chorus.workers.core;

import io.chorus.common.events.MetaPayloads;
import io.chorus.common.nats.PermissionsBucket;
import java.util.ArrayList;
import java.util.List;

/**
 * One write to the {@code permissions} bucket: a put of {@code value} at {@code key}, or a delete when value is
 * null. {@link #of} says which writes an event implies; applying them again changes nothing.
 *
 * @param keepsHigher a role granted only if the key holds no higher one: adding a member never lowers a role
 *                    (decision 0101); an owner grant, the highest, is a plain put
 */
public record PermissionChange(String key, String value, boolean keepsHigher) {
    public static PermissionChange put(String key, String value) {
        return new PermissionChange(key, value, false);
    }

    public static PermissionChange delete(String key) {
        return new PermissionChange(key, null, false);
    }

    /** A role for a membership: kept from lowering an existing higher role. */
    public static PermissionChange grant(String key, String role) {
        return new PermissionChange(key, role, !MetaPayloads.ROLE_OWNER.equals(role));
    }

    public static List<PermissionChange> of(MetaEvent event) {
        List<PermissionChange> changes = new ArrayList<>();
        if (event instanceof MetaEvent.ChannelCreated e) {
            changes.add(
                    put(PermissionsBucket.channelKey(e.channelId()), e.payload().kind()));
            changes.add(grant(PermissionsBucket.membershipKey(e.channelId(), e.actorId()), MetaPayloads.ROLE_OWNER));
            e.payload().members().stream()
                    .filter(m -> !m.equals(e.actorId()))
                    .forEach(m -> changes.add(
                            grant(PermissionsBucket.membershipKey(e.channelId(), m), MetaPayloads.ROLE_MEMBER)));
        } else if (event instanceof MetaEvent.MembersAdded e) {
            e.userIds().forEach(u -> changes.add(grant(PermissionsBucket.membershipKey(e.channelId(), u), e.role())));
        } else if (event instanceof MetaEvent.MemberRemoved e) {
            changes.add(delete(PermissionsBucket.membershipKey(e.channelId(), e.userId())));
        }
        return changes;
    }
}
