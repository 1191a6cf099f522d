package io.chorus.query.db;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import io.chorus.common.mongo.ManagedMongoClient;
import org.bson.Document;

/** Who is a member of which channel: the {@code memberships} collection the meta-writer keeps (decision 0002). */
public class MembershipDirectory {
    private final ManagedMongoClient mongo;

    public MembershipDirectory(ManagedMongoClient mongo) {
        this.mongo = mongo;
    }

    public boolean isMember(String channelId, String userId) {
        MongoCollection<Document> memberships = mongo.database().getCollection("memberships");
        return memberships.find(Filters.eq("_id", channelId + ":" + userId)).limit(1).first() != null;
    }
}
