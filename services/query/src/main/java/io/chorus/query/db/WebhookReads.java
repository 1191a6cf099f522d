package io.chorus.query.db;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Sorts;
import io.chorus.common.mongo.ManagedMongoClient;
import io.chorus.common.mongo.MetaCollections;
import io.chorus.query.api.WebhookView;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import org.bson.Document;
import org.bson.conversions.Bson;

/** Reads of the {@code webhooks} collection the meta writer keeps (decision 0210). */
public final class WebhookReads {
    private final ManagedMongoClient mongo;

    public WebhookReads(ManagedMongoClient mongo) {
        this.mongo = mongo;
    }

    /** Registrations owned by {@code ownerId}, or all when null; at most {@code limit}, by id. */
    public List<WebhookView> ownedBy(String ownerId, int limit) {
        return find(ownerId == null ? new Document() : Filters.eq("ownerId", ownerId), limit);
    }

    /** One registration, if it exists. */
    public java.util.Optional<WebhookView> byId(String webhookId) {
        return find(Filters.eq("_id", webhookId), 1).stream().findFirst();
    }

    /** Registrations serving {@code channelId}; at most {@code limit}, by id. */
    public List<WebhookView> serving(String channelId, int limit) {
        return find(Filters.eq("channelIds", channelId), limit);
    }

    private List<WebhookView> find(Bson filter, int limit) {
        List<WebhookView> views = new ArrayList<>();
        for (Document doc : mongo.database()
                .getCollection(MetaCollections.WEBHOOKS)
                .find(filter)
                .sort(Sorts.ascending("_id"))
                .limit(limit)) {
            views.add(view(doc));
        }
        return views;
    }

    private static WebhookView view(Document doc) {
        return new WebhookView(
                doc.getString("_id"),
                doc.getString("ownerId"),
                doc.getList("channelIds", String.class),
                doc.getString("url"),
                doc.getList("eventTypes", String.class),
                Boolean.TRUE.equals(doc.getBoolean("paused")),
                instant(doc.getDate("createdAt")),
                instant(doc.getDate("updatedAt")));
    }

    private static java.time.Instant instant(Date date) {
        return date == null ? null : date.toInstant();
    }
}
