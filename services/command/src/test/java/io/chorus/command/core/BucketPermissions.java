package io.chorus.command.core;

import java.util.Map;
import java.util.Optional;

/**
 * Permissions from a map laid out as the permissions bucket: {@code <channel>} its kind, {@code <channel>.<user>}
 * a role.
 */
final class BucketPermissions implements Permissions {
    private final Map<String, String> bucket;

    BucketPermissions(Map<String, String> bucket) {
        this.bucket = bucket;
    }

    @Override
    public Optional<String> role(String channelId, String userId) {
        return Optional.ofNullable(bucket.get(channelId + "." + userId));
    }

    @Override
    public Optional<String> kind(String channelId) {
        return Optional.ofNullable(bucket.get(channelId));
    }
}
