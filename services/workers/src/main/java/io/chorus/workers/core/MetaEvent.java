package io.chorus.workers.core;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.chorus.common.events.DirectChannels;
import io.chorus.common.events.EventEnvelope;
import io.chorus.common.events.EventTypes;
import io.chorus.common.events.MetaPayloads;
import io.chorus.common.events.Subjects;
import io.chorus.common.events.WebhookPayloads;
import io.chorus.common.push.Devices;
import io.chorus.common.push.NotificationLevel;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A {@code META} event, decoded and checked. {@link #decode} throws {@link Malformed} for anything a writer cannot
 * apply: such an event is a poison message, never retried into the store.
 */
public sealed interface MetaEvent {
    record ChannelCreated(String channelId, String actorId, Instant at, MetaPayloads.ChannelCreated payload)
            implements MetaEvent {}

    record ChannelUpdated(String channelId, String actorId, Instant at, MetaPayloads.ChannelUpdated payload)
            implements MetaEvent {}

    record MembersAdded(String channelId, String actorId, Instant at, List<String> userIds, String role)
            implements MetaEvent {}

    record MemberRemoved(String channelId, String actorId, Instant at, String userId) implements MetaEvent {}

    record UserUpdated(String userId, Instant at, String displayName) implements MetaEvent {}

    /** The bulk import's users (decision 0060): each one the same document as a {@link UserUpdated} at {@code at}. */
    record UsersImported(String actorId, Instant at, List<MetaPayloads.ImportedUser> users) implements MetaEvent {}

    /** A push device of {@code userId} (decision 0200); the device id is the one the token derives. */
    record DeviceRegistered(String userId, Instant at, MetaPayloads.DeviceRegistered device) implements MetaEvent {}

    /** Removes {@code deviceId} if it is {@code userId}'s. */
    record DeviceRemoved(String userId, Instant at, String deviceId) implements MetaEvent {}

    record NotificationLevelSet(String userId, String channelId, Instant at, NotificationLevel level)
            implements MetaEvent {}

    /** {@code channel.read}: {@code userId} has read {@code channelId} up to {@code lastRead} (decision 0251). */
    record ChannelRead(String userId, String channelId, Instant at, java.util.UUID lastRead) implements MetaEvent {}

    /**
     * {@code webhook.created}, {@code webhook.updated} or {@code webhook.deleted} (decision 0210): one outgoing
     * webhook registration, whole or changed.
     */
    record WebhookChanged(String type, String actorId, Instant at, WebhookPayloads.WebhookChange change)
            implements MetaEvent {}

    /**
     * {@code webhook.redelivery.requested} (decision 0212): for the webhook pool; nothing in the metadata store
     * changes.
     */
    record WebhookRedeliveryRequested(String actorId, Instant at, WebhookPayloads.RedeliveryRequested request)
            implements MetaEvent {}

    /** An event that can never be applied. */
    final class Malformed extends io.chorus.common.events.PoisonEvent {
        public Malformed(String message) {
            super(message);
        }
    }

    static MetaEvent decode(ObjectMapper json, byte[] body) throws Malformed {
        EventEnvelope envelope;
        try {
            envelope = json.readValue(body, EventEnvelope.class);
        } catch (Exception e) {
            throw new Malformed("not an event envelope: " + e.getMessage());
        }
        if (envelope == null || envelope.type() == null || envelope.payload() == null) {
            throw new Malformed("envelope without type or payload");
        }
        Instant at = envelope.occurredAt() == null ? Instant.EPOCH : envelope.occurredAt();
        String actor = requireId("actorId", envelope.actorId());
        try {
            switch (envelope.type()) {
                case EventTypes.USER_UPDATED -> {
                    MetaPayloads.UserUpdated p = json.treeToValue(envelope.payload(), MetaPayloads.UserUpdated.class);
                    return new UserUpdated(actor, at, p.displayName());
                }
                case EventTypes.USERS_IMPORTED -> {
                    return new UsersImported(
                            actor,
                            at,
                            importedUsers(json.treeToValue(envelope.payload(), MetaPayloads.UsersImported.class)));
                }
                case EventTypes.CHANNEL_CREATED -> {
                    MetaPayloads.ChannelCreated p =
                            json.treeToValue(envelope.payload(), MetaPayloads.ChannelCreated.class);
                    if (!MetaPayloads.isKind(p.kind())) {
                        throw new Malformed("unknown channel kind " + p.kind());
                    }
                    List<String> members = p.members() == null ? List.of() : p.members();
                    members.forEach(m -> requireIdUnchecked("members[]", m));
                    String channelId = channel(envelope);
                    requireRightfulId(channelId, p.kind(), actor, members);
                    return new ChannelCreated(
                            channelId,
                            actor,
                            at,
                            new MetaPayloads.ChannelCreated(p.name(), p.kind(), p.topic(), members));
                }
                case EventTypes.CHANNEL_UPDATED -> {
                    return new ChannelUpdated(
                            channel(envelope),
                            actor,
                            at,
                            json.treeToValue(envelope.payload(), MetaPayloads.ChannelUpdated.class));
                }
                case EventTypes.MEMBERS_ADDED -> {
                    MetaPayloads.MembersAdded p = json.treeToValue(envelope.payload(), MetaPayloads.MembersAdded.class);
                    if (p.userIds() == null || p.userIds().isEmpty()) {
                        throw new Malformed("members.added without userIds");
                    }
                    p.userIds().forEach(m -> requireIdUnchecked("userIds[]", m));
                    String role = p.role() == null ? MetaPayloads.ROLE_MEMBER : p.role();
                    if (!MetaPayloads.isRole(role)) {
                        throw new Malformed("unknown role " + role);
                    }
                    return new MembersAdded(channel(envelope), actor, at, p.userIds(), role);
                }
                case EventTypes.MEMBER_REMOVED -> {
                    MetaPayloads.MemberRemoved p =
                            json.treeToValue(envelope.payload(), MetaPayloads.MemberRemoved.class);
                    return new MemberRemoved(channel(envelope), actor, at, requireId("userId", p.userId()));
                }
                case EventTypes.DEVICE_REGISTERED -> {
                    return new DeviceRegistered(
                            actor,
                            at,
                            device(json.treeToValue(envelope.payload(), MetaPayloads.DeviceRegistered.class)));
                }
                case EventTypes.DEVICE_REMOVED -> {
                    MetaPayloads.DeviceRemoved p =
                            json.treeToValue(envelope.payload(), MetaPayloads.DeviceRemoved.class);
                    return new DeviceRemoved(actor, at, requireId("deviceId", p.deviceId()));
                }
                case EventTypes.NOTIFICATION_LEVEL_SET -> {
                    MetaPayloads.NotificationLevelSet p =
                            json.treeToValue(envelope.payload(), MetaPayloads.NotificationLevelSet.class);
                    return new NotificationLevelSet(
                            actor,
                            channel(envelope),
                            at,
                            NotificationLevel.named(p.level())
                                    .orElseThrow(() -> new Malformed("unknown notification level " + p.level())));
                }
                case EventTypes.CHANNEL_READ -> {
                    MetaPayloads.ChannelRead p = json.treeToValue(envelope.payload(), MetaPayloads.ChannelRead.class);
                    return new ChannelRead(actor, channel(envelope), at, readMark(p.lastReadMessageId()));
                }
                case WebhookPayloads.WEBHOOK_CREATED,
                        WebhookPayloads.WEBHOOK_UPDATED,
                        WebhookPayloads.WEBHOOK_DELETED -> {
                    return new WebhookChanged(
                            envelope.type(),
                            actor,
                            at,
                            webhookChange(
                                    envelope.type(),
                                    json.treeToValue(envelope.payload(), WebhookPayloads.WebhookChange.class)));
                }
                case WebhookPayloads.WEBHOOK_REDELIVERY_REQUESTED -> {
                    WebhookPayloads.RedeliveryRequested p =
                            json.treeToValue(envelope.payload(), WebhookPayloads.RedeliveryRequested.class);
                    requireId("webhookId", p.webhookId());
                    if (p.failureId() <= 0) {
                        throw new Malformed("failureId must be positive: " + p.failureId());
                    }
                    return new WebhookRedeliveryRequested(actor, at, p);
                }
                default -> throw new Malformed("unknown META event type " + envelope.type());
            }
        } catch (Malformed e) {
            throw e;
        } catch (Exception e) {
            throw new Malformed("bad " + envelope.type() + " payload: " + e.getMessage());
        }
    }

    /**
     * The users of a {@code users.imported}, each with a valid id and a name. An id repeated in the event keeps its
     * last name: the entries share the event's time, so the store could not tell which is newer.
     */
    private static List<MetaPayloads.ImportedUser> importedUsers(MetaPayloads.UsersImported p) throws Malformed {
        if (p.users() == null || p.users().isEmpty()) {
            throw new Malformed("users.imported without users");
        }
        Map<String, MetaPayloads.ImportedUser> users = new LinkedHashMap<>();
        for (MetaPayloads.ImportedUser user : p.users()) {
            if (user == null) {
                throw new Malformed("users.imported with a null user");
            }
            requireId("users[].id", user.id());
            if (user.displayName() == null || user.displayName().isBlank()) {
                throw new Malformed("users.imported user " + user.id() + " without a displayName");
            }
            users.put(user.id(), user);
        }
        return List.copyOf(users.values());
    }

    /**
     * A version 7 message id, as the command service checked it: the store compares marks as their canonical strings,
     * which order as the ids only for one version in canonical form.
     */
    private static java.util.UUID readMark(String value) throws Malformed {
        if (value == null || value.length() != 36) {
            throw new Malformed("channel.read without a lastReadMessageId");
        }
        java.util.UUID id;
        try {
            id = java.util.UUID.fromString(value);
        } catch (IllegalArgumentException e) {
            throw new Malformed("channel.read with a lastReadMessageId that is no UUID: " + value);
        }
        if (id.version() != 7 || !id.toString().equals(value)) {
            throw new Malformed("channel.read with a lastReadMessageId that is no canonical UUIDv7: " + value);
        }
        return id;
    }

    /** A registration whose id is its token's: any other id could take over another user's device document. */
    private static MetaPayloads.DeviceRegistered device(MetaPayloads.DeviceRegistered p) throws Malformed {
        if (!Devices.isPlatform(p.platform())
                || p.token() == null
                || p.token().isEmpty()
                || p.appId() == null
                || p.appId().isEmpty()) {
            throw new Malformed("device.registered without a platform, token and appId");
        }
        if (!Devices.id(p.platform(), p.token()).equals(p.deviceId())) {
            throw new Malformed("device.registered under an id that is not its token's: " + p.deviceId());
        }
        return p;
    }

    /** A registration change with the ids every change carries, and a creation with all its fields. */
    private static WebhookPayloads.WebhookChange webhookChange(String type, WebhookPayloads.WebhookChange c)
            throws Malformed {
        requireId("webhookId", c.webhookId());
        requireId("ownerId", c.ownerId());
        if (c.channelIds() == null || c.channelIds().isEmpty()) {
            throw new Malformed(type + " without channelIds");
        }
        for (String channelId : c.channelIds()) {
            requireId("channelIds[]", channelId);
        }
        if (WebhookPayloads.WEBHOOK_CREATED.equals(type)
                && (c.url() == null || c.eventTypes() == null || c.eventTypes().isEmpty() || c.secret() == null)) {
            throw new Malformed("webhook.created without url, eventTypes or secret");
        }
        return c;
    }

    /**
     * A direct channel only under the id of its two users, and no other kind under such an id (decision 0100): the
     * id is computable by anyone, so anything else would let a third party own two users' conversation.
     */
    private static void requireRightfulId(String channelId, String kind, String actor, List<String> members)
            throws Malformed {
        if (MetaPayloads.KIND_DIRECT.equals(kind)) {
            if (members.size() != 1
                    || members.get(0).equals(actor)
                    || !DirectChannels.id(actor, members.get(0)).equals(channelId)) {
                throw new Malformed("a direct channel is created by one of its two users, with the other as its one "
                        + "member, under their id: " + channelId);
            }
        } else if (DirectChannels.isReserved(channelId)) {
            throw new Malformed("a " + kind + " channel may not take an id reserved for direct channels: " + channelId);
        }
    }

    private static String channel(EventEnvelope envelope) throws Malformed {
        return requireId("channelId", envelope.channelId());
    }

    private static String requireId(String field, String value) throws Malformed {
        if (!Subjects.isToken(value)) {
            throw new Malformed(field + " is not a valid id: " + value);
        }
        return value;
    }

    private static void requireIdUnchecked(String field, String value) {
        if (!Subjects.isToken(value)) {
            throw new IllegalArgumentException(field + " is not a valid id: " + value);
        }
    }
}
