package io.chorus.notification.db;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Projections;
import io.chorus.common.mongo.ManagedMongoClient;
import java.util.ArrayList;
import java.util.List;
import org.bson.Document;

/**
 * The channels of a user, read at connect from the {@code memberships} collection the meta-writer keeps (decision
 * 0020): one equality on the user, only the channel id projected, read through one cursor in large batches.
 */
public class MembershipLoader implements io.chorus.notification.core.ChannelDirectory {
    private static final int BATCH = 10_000;

    private final ManagedMongoClient mongo;

    public MembershipLoader(ManagedMongoClient mongo) {
        this.mongo = mongo;
    }

    /** Idempotent: the meta-writer creates the same index; this makes connect fast even before it has run. */
    public void ensureIndex() {
        memberships().createIndex(Indexes.ascending("userId", "channelId"));
    }

    /**
     * In no particular order. Not keyset pages: on FerretDB only the equality reaches PostgreSQL, so each page
     * ({@code channelId > after}, sorted, 10,000) made it decode and sort every row of the user again: 11 times
     * 100,000 rows for a user in 100,000 channels, while the users connecting beside it waited for FerretDB
     * (5-channel users read in 440-700 ms in hundred-k-channels' connect burst).
     */
    @Override
    public List<String> channelsOf(String userId) {
        List<String> channels = new ArrayList<>();
        for (Document d : memberships().find(Filters.eq("userId", userId))
                .projection(Projections.fields(Projections.include("channelId"), Projections.excludeId()))
                .batchSize(BATCH)) {
            channels.add(d.getString("channelId"));
        }
        return channels;
    }

    private MongoCollection<Document> memberships() {
        return mongo.database().getCollection("memberships");
    }
}
