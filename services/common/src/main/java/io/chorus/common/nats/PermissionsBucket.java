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

    private PermissionsBucket() {
    }

    public static String membershipKey(String channelId, String userId) {
        return Subjects.permissionKey(channelId, userId);
    }

    public static String channelKey(String channelId) {
        return Subjects.requireToken(channelId);
    }
}
