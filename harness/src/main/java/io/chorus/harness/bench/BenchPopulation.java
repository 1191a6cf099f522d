package io.chorus.harness.bench;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.InsertManyOptions;
import io.chorus.common.events.Subjects;
import io.nats.client.Connection;
import io.nats.client.KeyValue;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import org.bson.Document;

/**
 * Seeds memberships for a benchmark the way the meta-writer stores them (Mongo {@code memberships}, decision
 * 0002), written directly rather than through the bulk import. Permission keys are written only
 * for small populations (the notification path does not read them).
 */
public final class BenchPopulation implements AutoCloseable {
    private final MongoClient mongo;

    public BenchPopulation(String mongoUri) {
        this.mongo = MongoClients.create(mongoUri);
    }

    public void join(String channelId, List<String> userIds, Connection nats) throws Exception {
        insert(userIds.stream().map(u -> membership(channelId, u)).toList());
        KeyValue permissions = nats.keyValue(Subjects.PERMISSIONS_BUCKET);
        for (String user : userIds) {
            permissions.put(Subjects.permissionKey(channelId, user), "member");
        }
    }

    /** One user in many channels, inserted in batches, with its permission keys (async KV puts). */
    public void userIn(String userId, List<String> channelIds, Connection nats) throws Exception {
        List<java.util.concurrent.CompletableFuture<?>> puts = new ArrayList<>();
        for (String channel : channelIds) {
            puts.add(nats.jetStream().publishAsync("$KV." + Subjects.PERMISSIONS_BUCKET + "."
                    + Subjects.permissionKey(channel, userId), "member".getBytes(java.nio.charset.StandardCharsets.UTF_8)));
            if (puts.size() >= 2_000) {
                puts.forEach(java.util.concurrent.CompletableFuture::join);
                puts.clear();
            }
        }
        puts.forEach(java.util.concurrent.CompletableFuture::join);
        userInMongo(userId, channelIds);
    }

    private void userInMongo(String userId, List<String> channelIds) {
        List<Document> batch = new ArrayList<>();
        for (String channel : channelIds) {
            batch.add(membership(channel, userId));
            if (batch.size() == 5_000) {
                insert(batch);
                batch = new ArrayList<>();
            }
        }
        if (!batch.isEmpty()) {
            insert(batch);
        }
    }

    private void insert(List<Document> documents) {
        MongoCollection<Document> memberships = mongo.getDatabase("chorus").getCollection("memberships");
        memberships.insertMany(documents, new InsertManyOptions().ordered(false));
    }

    private static Document membership(String channelId, String userId) {
        return new Document("_id", channelId + ":" + userId).append("channelId", channelId).append("userId", userId)
                .append("role", "member").append("joinedAt", new Date());
    }

    @Override
    public void close() {
        mongo.close();
    }
}
