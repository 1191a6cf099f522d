package io.chorus.notification.db;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Projections;
import com.mongodb.client.model.Sorts;
import io.chorus.common.mongo.ManagedMongoClient;
import io.chorus.common.mongo.MetaCollections;
import java.util.ArrayList;
import java.util.List;
import org.bson.Document;

/**
 * The members of a channel, for a presence watch: read from the {@code memberships} collection over its
 * (channelId, userId) index, at most {@code limit} of them, only the user id projected.
 */
public class ChannelMembers {
    private final ManagedMongoClient mongo;

    public ChannelMembers(ManagedMongoClient mongo) {
        this.mongo = mongo;
    }

    /** Up to {@code limit} members of the channel, in user id order. */
    public List<String> of(String channelId, int limit) {
        List<String> members = new ArrayList<>();
        for (Document d : mongo.database()
                .getCollection(MetaCollections.MEMBERSHIPS)
                .find(Filters.eq("channelId", channelId))
                .projection(Projections.fields(Projections.include("userId"), Projections.excludeId()))
                .sort(Sorts.ascending("channelId", "userId"))
                .limit(limit)) {
            members.add(d.getString("userId"));
        }
        return members;
    }
}
