package io.chorus.common.events;

/**
 * The event types on the backbone. Message events travel in the {@code MESSAGES} stream on
 * {@code chat.msg.<channelId>}; metadata events in {@code META} on {@code chat.meta.channel.<channelId>} (channel and
 * membership events) or {@code chat.meta.user.<userId>}. Payloads are documented in
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

    private EventTypes() {
    }
}
