package io.chorus.notification.nats;

import io.chorus.common.events.Subjects;
import io.chorus.notification.core.ChannelDirectory;
import io.nats.client.Connection;
import io.nats.client.KeyValue;
import java.util.ArrayList;
import java.util.List;

/**
 * A user's channels from the {@code permissions} KV (keys {@code <channelId>.<userId>}, kept by the meta-writer):
 * the server matches the filter {@code *.<userId>} in its subject index and sends only the matching keys (headers
 * only, deleted keys left out). Uses a short-lived consumer subscription during the read.
 */
public class PermissionsChannelDirectory implements ChannelDirectory {
    private final Connection connection;

    public PermissionsChannelDirectory(Connection connection) {
        this.connection = connection;
    }

    @Override
    public List<String> channelsOf(String userId) throws Exception {
        KeyValue permissions = connection.keyValue(Subjects.PERMISSIONS_BUCKET);
        List<String> channels = new ArrayList<>();
        String suffix = "." + userId;
        for (String key : permissions.keys("*" + suffix)) {
            channels.add(key.substring(0, key.length() - suffix.length()));
        }
        return channels;
    }
}
