package io.chorus.common.nats;

import io.chorus.common.events.Subjects;

/**
 * Keys of the {@code permissions} KV bucket (decision 0002, extended by decision 0010):
 * <ul>
 *   <li>{@code <channelId>.<userId>} -> role ({@code member}, {@code admin}, {@code owner}); deleted on removal.</li>
 *   <li>{@code <channelId>} (no dot, so it never collides with a membership) -> the channel's kind
 *       ({@code public}, {@code private}, {@code direct}): that the channel exists, and whether anyone may join.</li>
 * </ul>
 */
public final class PermissionsBucket {
    public static final String NAME = Subjects.PERMISSIONS_BUCKET;
    /** The subject a KV put or delete of a key is published on. */
    public static final String SUBJECT_PREFIX = "$KV." + NAME + ".";
    /** The stream behind the bucket (jnats names a bucket's stream {@code KV_<bucket>}). */
    public static final String STREAM = "KV_" + NAME;
    /** Where a JetStream direct get of a subject's last message is asked: the subject follows this prefix. */
    private static final String DIRECT_GET_LAST_PREFIX = "$JS.API.DIRECT.GET." + STREAM + ".";

    private PermissionsBucket() {
    }

    public static String membershipKey(String channelId, String userId) {
        return Subjects.permissionKey(channelId, userId);
    }

    public static String channelKey(String channelId) {
        return Subjects.requireToken(channelId);
    }

    /**
     * The subject whose request answers the key's last entry: a JetStream direct get by subject (the bucket's stream
     * allows direct gets), with an empty body. Answered by any replica; a 404 status when the key never existed.
     */
    public static String directGetSubject(String key) {
        return DIRECT_GET_LAST_PREFIX + SUBJECT_PREFIX + key;
    }
}
