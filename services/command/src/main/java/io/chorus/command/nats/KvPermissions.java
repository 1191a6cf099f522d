package io.chorus.command.nats;

import io.chorus.command.core.Permissions;
import io.chorus.common.api.ApiException;
import io.chorus.common.nats.ManagedNatsConnection;
import io.chorus.common.nats.PermissionsBucket;
import io.nats.client.KeyValue;
import io.nats.client.api.KeyValueEntry;
import io.nats.client.api.KeyValueOperation;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;

/** Reads roles and channel kinds from the {@code permissions} KV bucket. A bucket that does not answer is a 503. */
public final class KvPermissions implements Permissions {
    private final ManagedNatsConnection nats;
    private volatile KeyValue bucket;

    public KvPermissions(ManagedNatsConnection nats) {
        this.nats = nats;
    }

    @Override
    public Optional<String> role(String channelId, String userId) {
        return read(PermissionsBucket.membershipKey(channelId, userId));
    }

    @Override
    public Optional<String> kind(String channelId) {
        return read(PermissionsBucket.channelKey(channelId));
    }

    private Optional<String> read(String key) {
        try {
            KeyValueEntry entry = bucket().get(key);
            if (entry == null || entry.getOperation() != KeyValueOperation.PUT || entry.getValue() == null) {
                return Optional.empty();
            }
            return Optional.of(new String(entry.getValue(), StandardCharsets.UTF_8));
        } catch (Exception e) {
            throw new ApiException(
                    503, "unavailable", "permissions cannot be checked right now; retry", Duration.ofSeconds(1));
        }
    }

    private KeyValue bucket() throws java.io.IOException {
        KeyValue kv = bucket;
        if (kv == null) {
            kv = nats.connection().keyValue(PermissionsBucket.NAME);
            bucket = kv;
        }
        return kv;
    }
}
