package io.chorus.workers.db;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import io.chorus.common.events.WebhookPayloads;
import io.chorus.workers.core.MetaEvent;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import org.bson.Document;
import org.bson.conversions.Bson;

/**
 * The {@code webhooks} collection, written from the registration events (decision 0210). Idempotent like the rest of
 * the meta store: a creation is inserted under the webhook's id (a duplicate key is a replay), a rotated secret is
 * added to a set under the event's time, a deletion removes the document.
 */
final class WebhookRegistry {
    private final MongoCollection<Document> webhooks;

    WebhookRegistry(MongoCollection<Document> webhooks) {
        this.webhooks = webhooks;
    }

    void apply(MetaEvent.WebhookChanged event) {
        WebhookPayloads.WebhookChange c = event.change();
        Date at = Date.from(event.at());
        switch (event.type()) {
            case WebhookPayloads.WEBHOOK_CREATED -> create(c, at);
            case WebhookPayloads.WEBHOOK_UPDATED -> update(c, at);
            case WebhookPayloads.WEBHOOK_DELETED -> webhooks.deleteOne(Filters.eq("_id", c.webhookId()));
            default -> throw new IllegalArgumentException("not a webhook event: " + event.type());
        }
    }

    private void create(WebhookPayloads.WebhookChange c, Date at) {
        Document doc = new Document("_id", c.webhookId())
                .append("ownerId", c.ownerId())
                .append("channelIds", c.channelIds())
                .append("url", c.url())
                .append("eventTypes", c.eventTypes())
                .append("secrets", List.of(secret(c.secret(), at)))
                .append("paused", Boolean.TRUE.equals(c.paused()))
                .append("createdAt", at)
                .append("updatedAt", at);
        try {
            webhooks.insertOne(doc);
        } catch (MongoWriteException e) {
            if (e.getError().getCategory() != ErrorCategory.DUPLICATE_KEY) {
                throw e;
            }
        }
    }

    private void update(WebhookPayloads.WebhookChange c, Date at) {
        List<Bson> changes = new ArrayList<>();
        if (c.url() != null) {
            changes.add(Updates.set("url", c.url()));
        }
        if (c.eventTypes() != null) {
            changes.add(Updates.set("eventTypes", c.eventTypes()));
        }
        if (c.paused() != null) {
            changes.add(Updates.set("paused", c.paused()));
        }
        if (c.secret() != null) {
            changes.add(Updates.addToSet("secrets", secret(c.secret(), at)));
        }
        changes.add(Updates.set("updatedAt", at));
        // no upsert: a change to a deleted registration changes nothing
        webhooks.updateOne(Filters.eq("_id", c.webhookId()), Updates.combine(changes));
    }

    private static Document secret(String secret, Date at) {
        return new Document("secret", secret).append("addedAt", at);
    }
}
