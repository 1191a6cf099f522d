package io.chorus.common.nats;

import io.chorus.common.events.Subjects;
import io.nats.client.Connection;
import io.nats.client.JetStreamApiException;
import io.nats.client.JetStreamManagement;
import io.nats.client.api.StorageType;
import io.nats.client.api.StreamConfiguration;
import java.io.IOException;
import java.time.Duration;

/**
 * INTERIM: creates the {@code MESSAGES} and {@code DEADLETTER} streams when they do not exist yet, so the search
 * indexer (and its tests) can run before the shared JetStream setup class lands in common. Replace every call with
 * the shared setup at merge and delete this class. A stream that already exists is left exactly as it is, whoever
 * created it.
 */
public final class InterimStreamSetup {
    private static final int JS_STREAM_NOT_FOUND = 10059;

    private InterimStreamSetup() {
    }

    /** @param clusterNodes nodes of the JetStream cluster: 3 or more gives R=3, fewer gives R=1 */
    public static void ensureMessageStreams(Connection connection, int clusterNodes) throws IOException, JetStreamApiException {
        int replicas = clusterNodes >= 3 ? 3 : 1;
        JetStreamManagement jsm = connection.jetStreamManagement();
        ensure(jsm, StreamConfiguration.builder()
                .name(Subjects.MESSAGES_STREAM)
                .subjects(Subjects.MESSAGES_PREFIX + ">")
                .storageType(StorageType.File)
                .replicas(replicas)
                .maxAge(Duration.ofDays(30))
                .duplicateWindow(Duration.ofMinutes(2))
                .build());
        ensure(jsm, StreamConfiguration.builder()
                .name(Subjects.DEAD_LETTER_STREAM)
                .subjects(Subjects.DEAD_LETTER_PREFIX + ">")
                .storageType(StorageType.File)
                .replicas(replicas)
                .maxAge(Duration.ofDays(30))
                .build());
    }

    private static void ensure(JetStreamManagement jsm, StreamConfiguration config) throws IOException, JetStreamApiException {
        try {
            jsm.getStreamInfo(config.getName());
            return;
        } catch (JetStreamApiException e) {
            if (e.getApiErrorCode() != JS_STREAM_NOT_FOUND) {
                throw e;
            }
        }
        try {
            jsm.addStream(config);
        } catch (JetStreamApiException e) {
            // another process created it between our look and our add: what exists stays
            jsm.getStreamInfo(config.getName());
        }
    }
}
