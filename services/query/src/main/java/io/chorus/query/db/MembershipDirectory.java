package io.chorus.query.db;

import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Projections.excludeId;
import static com.mongodb.client.model.Projections.fields;
import static com.mongodb.client.model.Projections.include;

import com.mongodb.client.MongoCollection;
import io.chorus.common.mongo.ManagedMongoClient;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.bson.Document;

/**
 * Who is a member of what, read from the {@code memberships} collection (decision 0002):
 * {@code {_id: "<channelId>:<userId>", channelId, userId, role, joinedAt}}, indexed by (userId, channelId).
 */
public final class MembershipDirectory {
    static final String COLLECTION = "memberships";
    private static final int BATCH = 10_000;

    static final int PARALLEL_READS = 8;

    private final ManagedMongoClient mongo;
    private final ExecutorService readers = Executors.newFixedThreadPool(PARALLEL_READS, r -> {
        Thread t = new Thread(r, "membership-read");
        t.setDaemon(true);
        return t;
    });

    public MembershipDirectory(ManagedMongoClient mongo) {
        this.mongo = mongo;
    }

    /** A point read of one membership by its primary key. */
    public boolean isMember(String channelId, String userId) {
        return memberships().find(eq("_id", channelId + ":" + userId)).projection(include("_id")).first() != null;
    }

    /**
     * Which of {@code channels} the user is a member of: one point read per channel, {@link #PARALLEL_READS} at a
     * time (a search round of a user in 100K channels asks about up to 200 channels; one after the other they cost
     * 200 round trips).
     */
    public Set<String> memberOf(Set<String> channels, String userId) {
        List<String> asked = List.copyOf(channels);
        List<Future<Boolean>> answers = new ArrayList<>(asked.size());
        for (String channel : asked) {
            answers.add(readers.submit(() -> isMember(channel, userId)));
        }
        Set<String> members = new HashSet<>();
        for (int i = 0; i < asked.size(); i++) {
            if (answer(answers.get(i))) {
                members.add(asked.get(i));
            }
        }
        return members;
    }

    private static boolean answer(Future<Boolean> answer) {
        try {
            return answer.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while reading memberships", e);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
        }
    }

    /**
     * The user's channels, at most {@code max + 1} of them (so the caller learns whether there are more than
     * {@code max}), read through the (userId, channelId) index, only the ids.
     */
    public List<String> channelsOf(String userId, int max) {
        List<String> channels = new ArrayList<>();
        for (Document membership : memberships().find(eq("userId", userId))
                .projection(fields(include("channelId"), excludeId()))
                .limit(max + 1)
                .batchSize(Math.min(BATCH, max + 1))) {
            Object channel = membership.get("channelId");
            if (channel instanceof String id) {
                channels.add(id);
            }
        }
        return channels;
    }

    private MongoCollection<Document> memberships() {
        return mongo.database().getCollection(COLLECTION);
    }
}
