package io.chorus.notification.db;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Projections;
import com.mongodb.client.model.Sorts;
import io.chorus.common.mongo.ManagedMongoClient;
import io.chorus.common.mongo.MetaCollections;
import java.util.ArrayList;
import java.util.List;
import org.bson.Document;

/**
 * The channels of a user, read at connect from the {@code memberships} collection the meta-writer keeps (decision
 * 0020): cursor pages in (userId, channelId) order over the (userId, channelId) index, only the channel id
 * projected, so a user in 100K channels costs a few large pages.
 */
public class MembershipLoader implements io.chorus.notification.core.ChannelDirectory {
    private static final int PAGE = 10_000;

    private final ManagedMongoClient mongo;

    public MembershipLoader(ManagedMongoClient mongo) {
        this.mongo = mongo;
    }

    /** Idempotent: the meta-writer creates the same index; this makes connect fast even before it has run. */
    public void ensureIndex() {
        memberships().createIndex(Indexes.ascending("userId", "channelId"));
    }

    @Override
    public List<String> channelsOf(String userId) {
        List<String> channels = new ArrayList<>();
        String after = null;
        while (true) {
            int before = channels.size();
            for (Document d : memberships()
                    .find(MetaCollections.pageFilter("userId", userId, "channelId", after))
                    .projection(Projections.fields(Projections.include("channelId"), Projections.excludeId()))
                    .sort(Sorts.ascending("userId", "channelId"))
                    .limit(PAGE)
                    .batchSize(PAGE)) {
                channels.add(d.getString("channelId"));
            }
            if (channels.size() - before < PAGE) {
                return channels;
            }
            after = channels.get(channels.size() - 1);
        }
    }

    private MongoCollection<Document> memberships() {
        return mongo.database().getCollection("memberships");
    }
}
