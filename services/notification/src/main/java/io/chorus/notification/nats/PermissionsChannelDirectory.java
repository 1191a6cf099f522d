package io.chorus.notification.nats;

import io.chorus.common.nats.PermissionsBucket;
import io.chorus.notification.core.ChannelDirectory;
import io.nats.client.Connection;
import io.nats.client.KeyValue;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A user's channels from the {@code permissions} KV (keys {@code <userId>.<channelId>}, kept by the meta-writer;
 * decisions 0020 and 0084): the keys under the user's prefix. Most users are in at most
 * {@value LastPerSubjectRead#SERVER_LIMIT} channels: one direct-get request reads them without creating a consumer,
 * so a reconnect storm costs the cluster no consumer churn. A user in more channels is read with jnats
 * {@code keys(filter)}, a short-lived ordered consumer: one per such user.
 */
public class PermissionsChannelDirectory implements ChannelDirectory {
    private final Connection connection;
    private final LastPerSubjectRead lastPerSubject;

    public PermissionsChannelDirectory(Connection connection, Duration timeout) {
        this.connection = connection;
        this.lastPerSubject = new LastPerSubjectRead(connection, PermissionsBucket.STREAM, timeout);
    }

    @Override
    public List<String> channelsOf(String userId) throws Exception {
        String filter = PermissionsBucket.membershipsOf(userId);
        Optional<List<String>> few = lastPerSubject.liveSubjects(PermissionsBucket.SUBJECT_PREFIX + filter);
        List<String> keys = few.isPresent() ? stripPrefix(few.get()) : manyKeys(filter);
        List<String> channels = new ArrayList<>(keys.size());
        for (String key : keys) {
            channels.add(PermissionsBucket.channelOf(key, userId));
        }
        return channels;
    }

    private List<String> manyKeys(String filter) throws Exception {
        KeyValue permissions = connection.keyValue(PermissionsBucket.NAME);
        return permissions.keys(filter);
    }

    private static List<String> stripPrefix(List<String> subjects) {
        int prefix = PermissionsBucket.SUBJECT_PREFIX.length();
        List<String> keys = new ArrayList<>(subjects.size());
        for (String subject : subjects) {
            keys.add(subject.substring(prefix));
        }
        return keys;
    }
}
