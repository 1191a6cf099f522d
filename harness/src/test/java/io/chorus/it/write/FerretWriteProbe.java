package io.chorus.it.write;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.BulkWriteOptions;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.InsertManyOptions;
import com.mongodb.client.model.UpdateOneModel;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import com.mongodb.client.model.WriteModel;
import java.util.ArrayList;
import java.util.List;
import org.bson.Document;

/**
 * Why the meta writer inserts first (decision 0011): times N membership-shaped inserts against N/10 upserts on a
 * MongoDB-wire server, in a scratch database. Usage: {@code FerretWriteProbe MONGO_URI N}.
 */
public final class FerretWriteProbe {
    private FerretWriteProbe() {
    }

    public static void main(String[] args) {
        int n = Integer.parseInt(args[1]);
        try (MongoClient client = MongoClients.create(args[0])) {
            MongoCollection<Document> collection = client.getDatabase("probe").getCollection("m" + System.nanoTime());
            collection.createIndex(Indexes.ascending("channelId", "userId"), new IndexOptions().unique(true));
            collection.createIndex(Indexes.ascending("userId", "channelId"));
            List<Document> docs = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                docs.add(new Document("_id", "c:" + i).append("channelId", "c").append("userId", "u" + i)
                        .append("role", "member"));
            }
            long start = System.nanoTime();
            collection.insertMany(docs, new InsertManyOptions().ordered(false));
            System.out.printf("RESULT insertMany %d: %.2f s%n", n, (System.nanoTime() - start) / 1e9);
            List<WriteModel<Document>> upserts = new ArrayList<>();
            for (int i = n; i < n + n / 10; i++) {
                upserts.add(new UpdateOneModel<>(Filters.eq("_id", "c:" + i), Updates.combine(
                        Updates.setOnInsert("channelId", "c"), Updates.setOnInsert("userId", "u" + i),
                        Updates.set("role", "member")), new UpdateOptions().upsert(true)));
            }
            start = System.nanoTime();
            collection.bulkWrite(upserts, new BulkWriteOptions().ordered(false));
            System.out.printf("RESULT upserts %d: %.2f s%n", n / 10, (System.nanoTime() - start) / 1e9);
        }
    }
}
