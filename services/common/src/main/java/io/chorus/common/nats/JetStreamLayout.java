package io.chorus.common.nats;

import io.chorus.common.events.Subjects;
import io.nats.client.JetStreamApiException;
import io.nats.client.JetStreamManagement;
import io.nats.client.KeyValueManagement;
import io.nats.client.api.DiscardPolicy;
import io.nats.client.api.KeyValueConfiguration;
import io.nats.client.api.RetentionPolicy;
import io.nats.client.api.StorageType;
import io.nats.client.api.StreamConfiguration;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The streams and KV buckets of the backbone (decision 0002), with their settings. {@link #ensure} creates what is
 * missing and updates what differs, so every service may call it at start-up, in any order, any number of times.
 *
 * <ul>
 *   <li>{@code MESSAGES} ({@code chat.msg.>}), {@code META} ({@code chat.meta.>}), {@code DEADLETTER}
 *       ({@code dlq.>}): file storage, limits retention, 30 days, a duplicate window for {@code Nats-Msg-Id}.</li>
 *   <li>KV {@code permissions} (no TTL: a membership lasts until removed), {@code presence} and {@code instances}
 *       (entries expire unless refreshed), {@code push-sent} (a day: the push pool's idempotency keys).</li>
 * </ul>
 */
public final class JetStreamLayout {
    private static final Logger LOG = LoggerFactory.getLogger(JetStreamLayout.class);

    /** JetStream's "stream not found" and "bucket not found" API error code. */
    private static final int NOT_FOUND = 10059;

    public static final Duration RETENTION = Duration.ofDays(30);
    /** How long a retried publish with the same {@code Nats-Msg-Id} is recognised as a duplicate. */
    public static final Duration DUPLICATE_WINDOW = Duration.ofMinutes(10);
    // an entry is rewritten every 10 minutes, a replicated put per online user per refresh (decision 0292); readers
    // tell an entry left by a dead instance by that instance's absence from `instances`, within 6 s of its crash
    public static final Duration PRESENCE_TTL = Duration.ofMinutes(30);
    // notification instances beat every 2 s: three missed beats and the fan-out drops the instance (decision 0021)
    public static final Duration INSTANCES_TTL = Duration.ofSeconds(6);
    // longer than any event's redeliveries last (the push pool's backoff gives up within minutes, decision 0202)
    public static final Duration PUSH_SENT_TTL = Duration.ofDays(1);

    private final int replicas;

    /** @param replicas 3 on a 3-node cluster, 1 on a single node (see {@link #replicasFor(int)}) */
    public JetStreamLayout(int replicas) {
        if (replicas < 1 || replicas > 5) {
            throw new IllegalArgumentException("replicas must be 1..5: " + replicas);
        }
        this.replicas = replicas;
    }

    /** R=3 when the cluster has three nodes or more, otherwise one replica per node. */
    public static int replicasFor(int clusterNodes) {
        return Math.max(1, Math.min(3, clusterNodes));
    }

    public int replicas() {
        return replicas;
    }

    public List<StreamConfiguration> streams() {
        return List.of(
                stream(Subjects.MESSAGES_STREAM, Subjects.MESSAGES_PREFIX + ">"),
                stream(Subjects.META_STREAM, Subjects.META_PREFIX + ">"),
                stream(Subjects.DEAD_LETTER_STREAM, Subjects.DEAD_LETTER_PREFIX + ">"));
    }

    public List<KeyValueConfiguration> buckets() {
        return List.of(
                bucket(Subjects.PERMISSIONS_BUCKET, null),
                bucket(Subjects.PRESENCE_BUCKET, PRESENCE_TTL),
                bucket(Subjects.INSTANCES_BUCKET, INSTANCES_TTL),
                bucket(Subjects.PUSH_SENT_BUCKET, PUSH_SENT_TTL),
                bucket(Subjects.INTEGRATIONS_BUCKET, null));
    }

    private StreamConfiguration stream(String name, String subjects) {
        return StreamConfiguration.builder()
                .name(name)
                .subjects(subjects)
                .storageType(StorageType.File)
                .retentionPolicy(RetentionPolicy.Limits)
                .discardPolicy(DiscardPolicy.Old)
                .maxAge(RETENTION)
                .duplicateWindow(DUPLICATE_WINDOW)
                .replicas(replicas)
                .build();
    }

    private KeyValueConfiguration bucket(String name, Duration ttl) {
        KeyValueConfiguration.Builder builder = KeyValueConfiguration.builder()
                .name(name)
                .storageType(StorageType.File)
                .maxHistoryPerKey(1)
                .replicas(replicas);
        if (ttl != null) {
            builder.ttl(ttl);
        }
        return builder.build();
    }

    /** The layout for the deployment a connection reaches: R=3 when the server is part of a cluster, else R=1. */
    public static JetStreamLayout forConnection(io.nats.client.Connection connection) {
        String cluster = connection.getServerInfo().getCluster();
        return new JetStreamLayout(cluster == null || cluster.isEmpty() ? 1 : 3);
    }

    public void ensure(io.nats.client.Connection connection) throws IOException, JetStreamApiException {
        ensure(connection.jetStreamManagement(), connection.keyValueManagement());
    }

    /**
     * {@link #ensure(io.nats.client.Connection)}, retried until {@code within} has passed: a cluster that has just
     * started, or lost a node, may not answer JetStream requests until it has a meta leader again.
     */
    public void ensure(io.nats.client.Connection connection, Duration within)
            throws IOException, JetStreamApiException, InterruptedException {
        Instant deadline = Instant.now().plus(within);
        while (true) {
            try {
                ensure(connection);
                return;
            } catch (IOException e) {
                if (Instant.now().isAfter(deadline)) {
                    throw e;
                }
                LOG.warn("JetStream not ready for the stream layout yet: {}", e.getMessage());
                Thread.sleep(1_000);
            }
        }
    }

    /** Creates missing streams and buckets and brings existing ones to these settings. Idempotent. */
    public void ensure(JetStreamManagement jsm, KeyValueManagement kvm) throws IOException, JetStreamApiException {
        for (StreamConfiguration stream : streams()) {
            ensureStream(jsm, stream);
        }
        for (KeyValueConfiguration bucket : buckets()) {
            ensureBucket(kvm, bucket);
        }
    }

    private static void ensureStream(JetStreamManagement jsm, StreamConfiguration wanted)
            throws IOException, JetStreamApiException {
        try {
            jsm.getStreamInfo(wanted.getName());
        } catch (JetStreamApiException e) {
            if (e.getApiErrorCode() != NOT_FOUND) {
                throw e;
            }
            try {
                jsm.addStream(wanted);
                LOG.info("created stream {} (R={})", wanted.getName(), wanted.getReplicas());
                return;
            } catch (JetStreamApiException raced) {
                // another service created it between our look-up and our create: fall through to update
                LOG.debug("stream {} created concurrently: {}", wanted.getName(), raced.getMessage());
            }
        }
        jsm.updateStream(wanted);
    }

    private static void ensureBucket(KeyValueManagement kvm, KeyValueConfiguration wanted)
            throws IOException, JetStreamApiException {
        try {
            kvm.getStatus(wanted.getBucketName());
        } catch (JetStreamApiException e) {
            if (e.getApiErrorCode() != NOT_FOUND) {
                throw e;
            }
            try {
                kvm.create(wanted);
                LOG.info("created KV bucket {} (R={})", wanted.getBucketName(), wanted.getReplicas());
                return;
            } catch (JetStreamApiException raced) {
                LOG.debug("bucket {} created concurrently: {}", wanted.getBucketName(), raced.getMessage());
            }
        }
        kvm.update(wanted);
    }
}
