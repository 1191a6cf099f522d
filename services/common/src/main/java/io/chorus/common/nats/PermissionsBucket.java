package io.chorus.common.nats;

import io.chorus.common.events.Subjects;
import io.nats.client.Message;
import io.nats.client.impl.Headers;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * Keys of the {@code permissions} KV bucket (decision 0002, extended by decision 0010):
 * <ul>
 *   <li>{@code <userId>.<channelId>} -> role ({@code member}, {@code admin}, {@code owner}); deleted on removal.
 *       User first (decision 0084): a user's channels are then the keys under one literal prefix, which the server
 *       finds in its subject index directly; with the channel first, {@code *.<userId>} walked every key.</li>
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

    private PermissionsBucket() {}

    public static String membershipKey(String channelId, String userId) {
        return Subjects.permissionKey(channelId, userId);
    }

    /** The key filter that matches every membership of a user, and nothing else (channel keys have one token). */
    public static String membershipsOf(String userId) {
        return Subjects.requireToken(userId) + ".*";
    }

    /** The channel of a membership key of {@code userId}. */
    public static String channelOf(String membershipKey, String userId) {
        return membershipKey.substring(userId.length() + 1);
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

    /**
     * The key's value as a direct get reply tells it: empty when the key never existed (404) or was removed (a
     * {@code DEL} or {@code PURGE} entry); a reply that is neither a value nor "no key" throws.
     */
    public static Optional<String> directGetValue(Message reply) {
        int status = reply.isStatusMessage() ? reply.getStatus().getCode() : 0;
        Headers headers = reply.getHeaders();
        String operation = headers == null ? null : headers.getFirst("KV-Operation");
        return directGetValue(status, operation, reply.getData());
    }

    /**
     * @param status    the reply's status code, 0 when it carries a message
     * @param operation the message's {@code KV-Operation} header (absent on a put)
     */
    public static Optional<String> directGetValue(int status, String operation, byte[] data) {
        if (status == 404) {
            return Optional.empty();
        }
        if (status != 0) {
            throw new IllegalStateException("direct get answered status " + status);
        }
        if (operation != null && !"PUT".equals(operation)) {
            return Optional.empty();
        }
        if (data == null || data.length == 0) {
            return Optional.empty();
        }
        return Optional.of(new String(data, StandardCharsets.UTF_8));
    }
}
