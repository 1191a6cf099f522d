package io.chorus.common.nats;

import io.chorus.common.events.Subjects;
import io.nats.client.Connection;
import io.nats.client.JetStreamApiException;
import io.nats.client.JetStreamManagement;
import io.nats.client.KeyValueManagement;
import io.nats.client.api.KeyValueConfiguration;
import io.nats.client.api.StorageType;
import io.nats.client.api.StreamConfiguration;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * INTERIM: creates the streams and KV buckets the live-delivery services need, idempotently, until the common
 * JetStream setup class of the write-side branch lands; swap every call of {@link #ensure} for it at merge.
 * Streams {@code MESSAGES} ({@code chat.msg.>}), {@code META} ({@code chat.meta.>}), {@code DEADLETTER}
 * ({@code dlq.>}); KV {@code presence}, {@code instances}, {@code permissions}. R=3 when the cluster has 3 nodes,
 * else R=1. Safe to run from several services at once: "already exists" counts as success.
 */
public final class InterimJetStreamSetup {
    private static final Logger LOG = LoggerFactory.getLogger(InterimJetStreamSetup.class);
    private static final Duration RETENTION = Duration.ofDays(30);
    private static final Duration DUPLICATE_WINDOW = Duration.ofMinutes(2);
    /** TTL of a presence entry: a notification instance refreshes its users' entries more often than this. */
    public static final Duration PRESENCE_TTL = Duration.ofSeconds(30);
    /** TTL of an instance heartbeat: an instance that misses it is dropped from every routing table. */
    public static final Duration INSTANCE_TTL = Duration.ofSeconds(6);

    private InterimJetStreamSetup() {
    }

    public static void ensure(Connection connection) throws IOException {
        JetStreamManagement jsm = connection.jetStreamManagement();
        int replicas = replicas(connection);
        stream(jsm, Subjects.MESSAGES_STREAM, Subjects.MESSAGES_PREFIX + ">", replicas);
        stream(jsm, Subjects.META_STREAM, Subjects.META_PREFIX + ">", replicas);
        stream(jsm, Subjects.DEAD_LETTER_STREAM, Subjects.DEAD_LETTER_PREFIX + ">", replicas);
        KeyValueManagement kvm = connection.keyValueManagement();
        bucket(kvm, Subjects.PRESENCE_BUCKET, PRESENCE_TTL, replicas);
        bucket(kvm, Subjects.INSTANCES_BUCKET, INSTANCE_TTL, replicas);
        bucket(kvm, Subjects.PERMISSIONS_BUCKET, null, replicas);
    }

    /** 3 when JetStream has a meta cluster of at least 3 peers, else 1. */
    static int replicas(Connection connection) {
        var cluster = connection.getServerInfo().getCluster();
        if (cluster == null || cluster.isEmpty()) {
            return 1;
        }
        return 3;
    }

    private static void stream(JetStreamManagement jsm, String name, String subject, int replicas) throws IOException {
        try {
            jsm.getStreamInfo(name);
            return;
        } catch (JetStreamApiException notFound) {
            // create it below
        }
        try {
            jsm.addStream(StreamConfiguration.builder().name(name).subjects(List.of(subject))
                    .storageType(StorageType.File).replicas(replicas).maxAge(RETENTION)
                    .duplicateWindow(DUPLICATE_WINDOW).build());
            LOG.info("created stream {} ({}, R={})", name, subject, replicas);
        } catch (JetStreamApiException e) {
            if (!exists(() -> jsm.getStreamInfo(name))) {
                throw new IOException("cannot create stream " + name + ": " + e.getMessage(), e);
            }
        }
    }

    private static void bucket(KeyValueManagement kvm, String name, Duration ttl, int replicas) throws IOException {
        try {
            kvm.getStatus(name);
            return;
        } catch (JetStreamApiException notFound) {
            // create it below
        }
        KeyValueConfiguration.Builder config = KeyValueConfiguration.builder().name(name)
                .storageType(StorageType.File).replicas(replicas).maxHistoryPerKey(1);
        if (ttl != null) {
            config.ttl(ttl);
        }
        try {
            kvm.create(config.build());
            LOG.info("created KV bucket {} (R={})", name, replicas);
        } catch (JetStreamApiException e) {
            if (!exists(() -> kvm.getStatus(name))) {
                throw new IOException("cannot create KV bucket " + name + ": " + e.getMessage(), e);
            }
        }
    }

    private interface Lookup {
        Object get() throws IOException, JetStreamApiException;
    }

    private static boolean exists(Lookup lookup) throws IOException {
        try {
            lookup.get();
            return true;
        } catch (JetStreamApiException e) {
            return false;
        }
    }
}
