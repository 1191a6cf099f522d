package io.chorus.common.events;

/**
 * The event types on the backbone. Message events travel in the {@code MESSAGES} stream on
 * {@code chat.msg.<channelId>}; metadata events in {@code META} on {@code chat.meta.channel.<channelId>} (channel and
 * membership events), {@code chat.meta.user.<userId>} or, for the bulk import's batches of users,
 * {@code chat.meta.users.imported}. Payloads are documented in
 * {@code docs/decisions/0002-event-and-storage-contracts.md}; the message payloads are the records beside this class.
 */
public final class EventTypes {
    public static final String MESSAGE_CREATED = "message.created";
    public static final String MESSAGE_EDITED = "message.edited";
    public static final String MESSAGE_DELETED = "message.deleted";
    public static final String REACTION_ADDED = "reaction.added";
    public static final String REACTION_REMOVED = "reaction.removed";

    public static final String CHANNEL_CREATED = "channel.created";
    public static final String CHANNEL_UPDATED = "channel.updated";
    public static final String MEMBERS_ADDED = "members.added";
    public static final String MEMBER_REMOVED = "member.removed";
    public static final String USER_UPDATED = "user.updated";
    /** The bulk import's users, up to 1,000 per event (decision 0060); {@code PUT /v1/users/me} stays {@link #USER_UPDATED}. */
    public static final String USERS_IMPORTED = "users.imported";

    /** A user's push device, on {@code chat.meta.user.<userId>} (decision 0200). */
    public static final String DEVICE_REGISTERED = "device.registered";

    public static final String DEVICE_REMOVED = "device.removed";
    /** A user's notification level in one channel (the envelope's channel), on {@code chat.meta.user.<userId>}. */
    public static final String NOTIFICATION_LEVEL_SET = "notification.level.set";
    /** A member's read mark in the envelope's channel, on {@code chat.meta.user.<userId>} (decision 0251). */
    public static final String CHANNEL_READ = "channel.read";

    private EventTypes() {}
}
