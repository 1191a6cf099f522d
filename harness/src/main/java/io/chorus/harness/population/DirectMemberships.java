package io.chorus.harness.population;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.InsertManyOptions;
import io.chorus.common.nats.PermissionsBucket;
import io.nats.client.JetStream;
import io.nats.client.api.PublishAck;
import io.nats.client.impl.Headers;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.bson.Document;

/**
 * Memberships written where the meta writer keeps them, without the write side: the MongoDB {@code memberships}
 * documents first, then the {@code permissions} KV keys (decision 0011), which the command service, search and the
 * notification service read (decision 0043). For benchmarks and fixtures that need more memberships, faster, than
 * the bulk import ({@link ImportSeeder}) gives, or that test a read path apart from the write side; the write side
 * has its own tests. Writes go in batches of {@value #BATCH}, each acknowledged before the next.
 */
public final class DirectMemberships {
    static final int BATCH = 1_000;

    private final MongoClient mongo;
    private final JetStream jetStream;

    /** Writes with these clients; their owner closes them. */
    public DirectMemberships(MongoClient mongo, JetStream jetStream) {
        this.mongo = mongo;
        this.jetStream = jetStream;
    }

    /** Makes each user a member of the channel. */
    public void join(String channelId, List<String> userIds) {
        inBatches(userIds, channelId, null);
    }

    /** Makes one user a member of each channel. */
    public void userIn(String userId, List<String> channelIds) {
        inBatches(channelIds, null, userId);
    }

    /** Ends one membership: its document and its key. */
    public void remove(String channelId, String userId) {
        memberships().deleteOne(new Document("_id", channelId + ":" + userId));
        putPermissions(List.of(PermissionsBucket.membershipKey(channelId, userId)), null);
    }

    /** Either {@code channel} is given and {@code ids} are users, or {@code user} is and they are channels. */
    private void inBatches(List<String> ids, String channel, String user) {
        for (int i = 0; i < ids.size(); i += BATCH) {
            List<Document> documents = new ArrayList<>();
            List<String> keys = new ArrayList<>();
            for (String id : ids.subList(i, Math.min(ids.size(), i + BATCH))) {
                String channelId = channel != null ? channel : id;
                String userId = user != null ? user : id;
                documents.add(membership(channelId, userId));
                keys.add(PermissionsBucket.membershipKey(channelId, userId));
            }
            memberships().insertMany(documents, new InsertManyOptions().ordered(false));
            putPermissions(keys, "member");
        }
    }

    /** Puts (role given) or deletes (null) these keys, as the meta writer does: async publishes, each acked. */
    private void putPermissions(List<String> keys, String role) {
        List<CompletableFuture<PublishAck>> acks = new ArrayList<>(keys.size());
        for (String key : keys) {
            String subject = PermissionsBucket.SUBJECT_PREFIX + key;
            acks.add(
                    role == null
                            ? jetStream.publishAsync(subject, new Headers().put("KV-Operation", "DEL"), new byte[0])
                            : jetStream.publishAsync(subject, role.getBytes(StandardCharsets.UTF_8)));
        }
        try {
            CompletableFuture.allOf(acks.toArray(CompletableFuture[]::new)).get(60, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("permissions KV writes failed", e);
        }
    }

    private static Document membership(String channelId, String userId) {
        return new Document("_id", channelId + ":" + userId)
                .append("channelId", channelId)
                .append("userId", userId)
                .append("role", "member")
                .append("joinedAt", Date.from(Instant.now()));
    }

    private MongoCollection<Document> memberships() {
        return mongo.getDatabase("chorus").getCollection("memberships");
    }
}
