package io.chorus.query.db;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Sorts;
import io.chorus.common.mongo.ManagedMongoClient;
import io.chorus.common.mongo.MetaCollections;
import io.chorus.query.api.Views;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import org.bson.Document;
import org.bson.conversions.Bson;

/**
 * Reads users, channels and memberships. Member pages walk the (channelId, userId) index, a user's channels the
 * (userId, channelId) index (decision 0014; on FerretDB the equality part reaches PostgreSQL, the rest does not).
 * Both ask for {@code limit + 1} rows to know whether a next page exists.
 */
public final class MetadataReads {
    private final ManagedMongoClient mongo;

    public MetadataReads(ManagedMongoClient mongo) {
        this.mongo = mongo;
    }

    private MongoCollection<Document> collection(String name) {
        MongoDatabase db = mongo.database();
        return db.getCollection(name);
    }

    public Optional<Views.Channel> channel(String channelId, String callerRole) {
        Document doc = collection(MetaCollections.CHANNELS).find(Filters.eq("_id", channelId)).first();
        if (doc == null) {
            return Optional.empty();
        }
        return Optional.of(new Views.Channel(channelId, doc.getString("name"), doc.getString("kind"),
                doc.getString("topic"), doc.getString("createdBy"), instant(doc.getDate("createdAt")),
                number(doc.get("memberCount")), callerRole));
    }

    public Optional<String> role(String channelId, String userId) {
        Document doc = collection(MetaCollections.MEMBERSHIPS)
                .find(Filters.eq("_id", MetaCollections.membershipId(channelId, userId))).first();
        return Optional.ofNullable(doc).map(d -> d.getString("role"));
    }

    public Views.Page<Views.Member> members(String channelId, String afterUserId, int limit) {
        // the (channelId, userId) index, as channelsOf walks (userId, channelId): an equality on the channel that
        // FerretDB sends to PostgreSQL (decision 0014), then a range on the user that MongoDB walks in the index
        Bson filter = MetaCollections.pageFilter("channelId", channelId, "userId", afterUserId);
        List<Views.Member> items = new ArrayList<>();
        for (Document doc : collection(MetaCollections.MEMBERSHIPS).find(filter)
                .sort(Sorts.ascending("channelId", "userId"))
                .hint(new Document("channelId", 1).append("userId", 1))
                .limit(limit + 1)) {
            items.add(new Views.Member(doc.getString("userId"), doc.getString("role"), instant(doc.getDate("joinedAt"))));
        }
        return page(items, limit, Views.Member::userId);
    }

    public Views.Page<Views.MyChannel> channelsOf(String userId, String afterChannelId, int limit) {
        Bson filter = MetaCollections.pageFilter("userId", userId, "channelId", afterChannelId);
        List<Document> rows = new ArrayList<>();
        collection(MetaCollections.MEMBERSHIPS).find(filter)
                .sort(Sorts.ascending("userId", "channelId"))
                .hint(new Document("userId", 1).append("channelId", 1))
                .limit(limit + 1).into(rows);
        // one point read per channel, not one $in: FerretDB pushes only top-level equalities down to PostgreSQL, so
        // an $in of 100 ids read the whole channels collection (4.7-6.5 s at 100,000 channels, against 126-370 ms
        // for the 100 point reads, decision 0014 addendum)
        MongoCollection<Document> channels = collection(MetaCollections.CHANNELS);
        List<Views.MyChannel> items = new ArrayList<>();
        for (Document row : rows) {
            Document channel = channels.find(Filters.eq("_id", row.getString("channelId"))).first();
            items.add(new Views.MyChannel(row.getString("channelId"), row.getString("role"),
                    instant(row.getDate("joinedAt")), channel == null ? null : channel.getString("name"),
                    channel == null ? null : channel.getString("kind")));
        }
        // the meta writer stores a new channel's memberships just before the channel (decision 0013): a channel
        // not stored yet is left out of the page, and the cursor, cut before, still moves past it
        Views.Page<Views.MyChannel> page = page(items, limit, Views.MyChannel::channelId);
        List<Views.MyChannel> stored = page.items().stream().filter(c -> c.kind() != null).toList();
        return stored.size() == page.items().size() ? page : new Views.Page<>(stored, page.nextCursor());
    }

    private static <T> Views.Page<T> page(List<T> items, int limit, java.util.function.Function<T, String> key) {
        if (items.size() <= limit) {
            return new Views.Page<>(items, null);
        }
        List<T> page = items.subList(0, limit);
        return new Views.Page<>(List.copyOf(page), io.chorus.query.core.Cursor.encode(key.apply(page.get(limit - 1))));
    }

    private static Instant instant(Date date) {
        return date == null ? null : date.toInstant();
    }

    private static long number(Object value) {
        return value instanceof Number n ? n.longValue() : 0;
    }
}
