package io.chorus.common.mongo;

import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import io.chorus.common.paging.PageBuckets;
import org.bson.Document;
import org.bson.conversions.Bson;

/**
 * The metadata collections of decision 0002 and their indexes. The meta writer owns the writes; the Query Service
 * reads. {@link #ensureIndexes} is idempotent.
 */
public final class MetaCollections {
    public static final String USERS = "users";
    public static final String CHANNELS = "channels";
    public static final String MEMBERSHIPS = "memberships";
    /** Push devices: {@code _id} the device id, {@code userId}, {@code platform}, {@code token}, {@code appId}. */
    public static final String DEVICES = "devices";
    /** Notification levels: {@code _id} as a membership's, {@code channelId}, {@code userId}, {@code level}. */
    public static final String NOTIFICATION_LEVELS = "notification_levels";
    /** Outgoing webhook registrations (decision 0210), read by the webhook pool and the Query Service. */
    public static final String WEBHOOKS = "webhooks";

    /**
     * A membership's read mark: the id of the newest message its user has read, as a canonical UUIDv7 string; absent
     * until the first mark (decision 0251).
     */
    public static final String LAST_READ = "lastReadMessageId";

    private MetaCollections() {}

    /** A membership's {@code _id}: {@code <channelId>:<userId>}. */
    public static String membershipId(String channelId, String userId) {
        return channelId + ":" + userId;
    }

    /**
     * One page's filter of a keyset walk: {@code field = value} and, past the first page, {@code rangeField > after}.
     * Written as one document of top-level conditions, never {@code Filters.and} (which the driver renders as a
     * top-level {@code $and}): FerretDB sends only top-level field conditions to PostgreSQL, so under an {@code $and}
     * even the equality is not pushed down and every page scans the whole collection (decisions 0014, 0073).
     */
    public static Bson pageFilter(String field, String value, String rangeField, String after) {
        Document filter = new Document(field, value);
        return after == null ? filter : filter.append(rangeField, new Document("$gt", after));
    }

    public static void ensureIndexes(MongoDatabase db) {
        db.getCollection(MEMBERSHIPS)
                .createIndex(
                        Indexes.ascending("channelId", "userId"),
                        new IndexOptions().unique(true).name("channel_user"));
        db.getCollection(MEMBERSHIPS)
                .createIndex(Indexes.ascending("userId", "channelId"), new IndexOptions().name("user_channel"));
        // pages read one bucket at a time (decision 0081); on FerretDB the index's GIN twin answers the equality
        db.getCollection(MEMBERSHIPS)
                .createIndex(Indexes.ascending(PageBuckets.FIELD), new IndexOptions().name("page_buckets"));
        db.getCollection(DEVICES).createIndex(Indexes.ascending("userId"), new IndexOptions().name("user"));
    }
}
