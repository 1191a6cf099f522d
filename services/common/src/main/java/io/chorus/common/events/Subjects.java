package io.chorus.common.events;

/**
 * NATS subjects, streams, consumers and KV buckets: the names every service agrees on (decision 0002).
 * Channel and user ids are restricted to subject-safe tokens (see {@link #requireToken}), so they can be
 * embedded in subjects as they are.
 */
public final class Subjects {
    /** Stream of channel messages: created, edited, deleted, reactions. Subjects {@code chat.msg.<channelId>}. */
    public static final String MESSAGES_STREAM = "MESSAGES";

    public static final String MESSAGES_PREFIX = "chat.msg.";

    /** Stream of metadata: users, channels, memberships. Subjects {@code chat.meta.>}. */
    public static final String META_STREAM = "META";

    public static final String META_PREFIX = "chat.meta.";

    /** Stream of events a consumer gave up on after N deliveries. Subjects {@code dlq.<consumer>}. */
    public static final String DEAD_LETTER_STREAM = "DEADLETTER";

    public static final String DEAD_LETTER_PREFIX = "dlq.";

    /** Ephemeral typing notices, over core NATS only. */
    public static final String TYPING_PREFIX = "chat.typing.";

    /** A notification instance's one event subscription: {@code instance.events.<instanceId>}. */
    public static final String INSTANCE_EVENTS_PREFIX = "instance.events.";

    public static final String PRESENCE_BUCKET = "presence";
    public static final String INSTANCES_BUCKET = "instances";
    public static final String PERMISSIONS_BUCKET = "permissions";
    /** Push notifications a provider accepted, keyed by message and device (decision 0202). */
    public static final String PUSH_SENT_BUCKET = "push-sent";
    /** Incoming webhooks, bots and their API tokens, secrets hashed (decision 0216). */
    public static final String INTEGRATIONS_BUCKET = "integrations";

    private Subjects() {}

    public static String message(String channelId) {
        return MESSAGES_PREFIX + requireToken(channelId);
    }

    /** Channel and membership events of one channel share a subject, so consumers see them in order. */
    public static String channelMeta(String channelId) {
        return META_PREFIX + "channel." + requireToken(channelId);
    }

    public static String userMeta(String userId) {
        return META_PREFIX + "user." + requireToken(userId);
    }

    /**
     * The bulk import's batches of users ({@code users.imported}, decision 0060). {@code users} is not {@code user}:
     * the subject cannot meet a user's own {@code chat.meta.user.<userId>}, whatever the user's id.
     */
    public static String userImports() {
        return META_PREFIX + "users.imported";
    }

    public static String typing(String channelId) {
        return TYPING_PREFIX + requireToken(channelId);
    }

    public static String instanceEvents(String instanceId) {
        return INSTANCE_EVENTS_PREFIX + requireToken(instanceId);
    }

    public static String deadLetter(String consumer) {
        return DEAD_LETTER_PREFIX + requireToken(consumer);
    }

    /**
     * The key of a membership in the {@code permissions} bucket: {@code <userId>.<channelId>}, user first, so a
     * user's channels are the keys under one literal prefix (decision 0084).
     */
    public static String permissionKey(String channelId, String userId) {
        return requireToken(userId) + "." + requireToken(channelId);
    }

    /** Whether an id may appear as one subject token: 1 to 64 of {@code [A-Za-z0-9_-]}. */
    public static boolean isToken(String id) {
        if (id == null || id.isEmpty() || id.length() > 64) {
            return false;
        }
        for (int i = 0; i < id.length(); i++) {
            char c = id.charAt(i);
            boolean ok =
                    (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '-';
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    public static String requireToken(String id) {
        if (!isToken(id)) {
            throw new IllegalArgumentException("not a valid id (1-64 of A-Z a-z 0-9 _ -): " + id);
        }
        return id;
    }
}
