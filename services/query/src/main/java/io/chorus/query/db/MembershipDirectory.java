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
 * Who is a member of what, read from the {@code memberships} collection (decision 0002):
 * {@code {_id: "<channelId>:<userId>", channelId, userId, role, joinedAt}}, indexed by (userId, channelId).
 */
public final class MembershipDirectory {
    static final String COLLECTION = "memberships";
    private static final int BATCH = 10_000;

    private final ManagedMongoClient mongo;

    public MembershipDirectory(ManagedMongoClient mongo) {
        this.mongo = mongo;
    }

    /** A point read of one membership by its primary key. */
    public boolean isMember(String channelId, String userId) {
        return memberships().find(eq("_id", channelId + ":" + userId)).projection(include("_id")).first() != null;
    }

    /** Every channel the user is a member of, read through the (userId, channelId) index, only the ids. */
    public List<String> channelsOf(String userId) {
        List<String> channels = new ArrayList<>();
        for (Document membership : memberships().find(eq("userId", userId))
                .projection(fields(include("channelId"), excludeId()))
                .batchSize(BATCH)) {
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
