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
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.bson.Document;

/**
 * Measures what the meta writer and the query service ask of a MongoDB-wire server, in a scratch database: N
 * membership-shaped inserts in one unordered {@code insertMany}, the same in batches of 1,000 from 4 threads,
 * N/10 upserts, and reads by {@code userId} (the (userId, channelId) index) and by {@code _id}. Used to compare
 * FerretDB's SQLite and PostgreSQL backends (decision 0012). Usage: {@code FerretWriteProbe MONGO_URI N [no-upserts]}.
 */
public final class FerretWriteProbe {
    private static final int BATCH = 1_000;
    private static final int THREADS = 4;

    private FerretWriteProbe() {}

    public static void main(String[] args) throws Exception {
        int n = Integer.parseInt(args[1]);
        try (MongoClient client = MongoClients.create(args[0])) {
            MongoCollection<Document> collection = membershipCollection(client);
            long start = System.nanoTime();
            collection.insertMany(memberships("c", 0, n), new InsertManyOptions().ordered(false));
            report("insertMany one call", n, start);

            start = System.nanoTime();
            insertParallel(collection, "d", n);
            report("insertMany batches of " + BATCH + " x " + THREADS + " threads", n, start);

            timeReads(collection, n);
            if (args.length > 2 && args[2].equals("no-upserts")) {
                return;
            }

            List<WriteModel<Document>> upserts = new ArrayList<>();
            for (int i = n; i < n + n / 10; i++) {
                upserts.add(new UpdateOneModel<>(
                        Filters.eq("_id", "c:" + i),
                        Updates.combine(
                                Updates.setOnInsert("channelId", "c"),
                                Updates.setOnInsert("userId", "u" + i),
                                Updates.set("role", "member")),
                        new UpdateOptions().upsert(true)));
            }
            start = System.nanoTime();
            collection.bulkWrite(upserts, new BulkWriteOptions().ordered(false));
            report("upserts one bulkWrite", n / 10, start);
        }
    }

    private static MongoCollection<Document> membershipCollection(MongoClient client) {
        MongoCollection<Document> collection = client.getDatabase("probe").getCollection("m" + System.nanoTime());
        collection.createIndex(Indexes.ascending("channelId", "userId"), new IndexOptions().unique(true));
        collection.createIndex(Indexes.ascending("userId", "channelId"));
        return collection;
    }

    private static List<Document> memberships(String channel, int from, int to) {
        List<Document> docs = new ArrayList<>(to - from);
        for (int i = from; i < to; i++) {
            docs.add(new Document("_id", channel + ":u" + i)
                    .append("channelId", channel)
                    .append("userId", "u" + i)
                    .append("role", "member"));
        }
        return docs;
    }

    private static void insertParallel(MongoCollection<Document> collection, String channel, int n) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int from = 0; from < n; from += BATCH) {
                int lo = from;
                int hi = Math.min(n, from + BATCH);
                done.add(pool.submit(() ->
                        collection.insertMany(memberships(channel, lo, hi), new InsertManyOptions().ordered(false))));
            }
            for (Future<?> f : done) {
                f.get();
            }
        } finally {
            pool.shutdown();
        }
    }

    /** Reads that the send path and search make: one user's memberships (index on userId) and a point read. */
    private static void timeReads(MongoCollection<Document> collection, int n) {
        for (int i = 0; i < 3; i++) {
            long start = System.nanoTime();
            int found = collection
                    .find(Filters.eq("userId", "u" + (n / 2 + i)))
                    .limit(1001)
                    .into(new ArrayList<>())
                    .size();
            System.out.printf(
                    "RESULT find({userId}) over %d docs: %d found in %.1f ms%n",
                    2 * n, found, (System.nanoTime() - start) / 1e6);
        }
        for (int i = 0; i < 3; i++) {
            long start = System.nanoTime();
            int found = collection
                    .find(Filters.eq("_id", "c:u" + (n / 3 + i)))
                    .into(new ArrayList<>())
                    .size();
            System.out.printf(
                    "RESULT find({_id}) over %d docs: %d found in %.1f ms%n",
                    2 * n, found, (System.nanoTime() - start) / 1e6);
        }
    }

    private static void report(String what, int n, long start) {
        double s = (System.nanoTime() - start) / 1e9;
        System.out.printf("RESULT %s, %d docs: %.2f s (%.0f docs/s)%n", what, n, s, n / s);
    }
}
