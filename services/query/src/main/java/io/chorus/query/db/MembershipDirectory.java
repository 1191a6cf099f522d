package io.chorus.query.db;

import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Projections.excludeId;
import static com.mongodb.client.model.Projections.fields;
import static com.mongodb.client.model.Projections.include;

import com.mongodb.client.MongoCollection;
import io.chorus.common.mongo.ManagedMongoClient;
import java.util.ArrayList;
import java.util.List;
import org.bson.Document;

/**
 * A user's channels, read from the {@code memberships} collection (decision 0002):
 * {@code {_id: "<channelId>:<userId>", channelId, userId, role, joinedAt}}, indexed by (userId, channelId). Whether a
 * user is a member of a given channel is asked of the {@code permissions} KV instead (decision 0043).
 */
public final class MembershipDirectory {
    static final String COLLECTION = "memberships";
    private static final int BATCH = 10_000;

    private final ManagedMongoClient mongo;

    public MembershipDirectory(ManagedMongoClient mongo) {
        this.mongo = mongo;
    }

    /**
     * The user's channels, at most {@code max + 1} of them (so the caller learns whether there are more than
     * {@code max}), read through the (userId, channelId) index, only the ids.
     */
    public List<String> channelsOf(String userId, int max) {
        List<String> channels = new ArrayList<>();
        for (Document membership : memberships()
                .find(eq("userId", userId))
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
