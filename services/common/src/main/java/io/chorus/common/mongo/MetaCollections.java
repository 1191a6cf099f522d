package io.chorus.common.mongo;

import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;

/**
 * The metadata collections of decision 0002 and their indexes. The meta writer owns the writes; the Query Service
 * reads. {@link #ensureIndexes} is idempotent.
 */
public final class MetaCollections {
    public static final String USERS = "users";
    public static final String CHANNELS = "channels";
    public static final String MEMBERSHIPS = "memberships";

    private MetaCollections() {
    }

    /** A membership's {@code _id}: {@code <channelId>:<userId>}. */
    public static String membershipId(String channelId, String userId) {
        return channelId + ":" + userId;
    }

    public static void ensureIndexes(MongoDatabase db) {
        db.getCollection(MEMBERSHIPS).createIndex(Indexes.ascending("channelId", "userId"),
                new IndexOptions().unique(true).name("channel_user"));
        db.getCollection(MEMBERSHIPS).createIndex(Indexes.ascending("userId", "channelId"),
                new IndexOptions().name("user_channel"));
    }
}
