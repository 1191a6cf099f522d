package io.chorus.workers.webhook;

import com.mongodb.client.MongoDatabase;
import io.chorus.common.mongo.MetaCollections;
import io.chorus.workers.webhook.core.Registration;
import io.chorus.workers.webhook.core.WebhookSecret;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The registrations the meta writer keeps in MongoDB, read whole every refresh (decision 0211): registrations are
 * few, a full read is cheap, and a missed change heals itself on the next read. A change applies within one refresh
 * of the meta writer storing it.
 */
final class RegistrationCache {
    private static final Logger LOG = LoggerFactory.getLogger(RegistrationCache.class);

    private final Supplier<MongoDatabase> database;
    private volatile Map<String, Registration> byId = Map.of();

    RegistrationCache(Supplier<MongoDatabase> database) {
        this.database = database;
    }

    /** Reads every registration; throws when MongoDB cannot answer (the previous read stays in use). */
    void refresh() {
        List<Registration> read = new ArrayList<>();
        for (Document doc :
                database.get().getCollection(MetaCollections.WEBHOOKS).find()) {
            try {
                read.add(registration(doc));
            } catch (RuntimeException e) {
                LOG.warn("skipping unreadable webhook registration {}: {}", doc.get("_id"), e.toString());
            }
        }
        byId = read.stream().collect(Collectors.toUnmodifiableMap(Registration::webhookId, Function.identity()));
    }

    /** Refreshes, logging instead of throwing: for the periodic task. */
    void refreshQuietly() {
        try {
            refresh();
        } catch (RuntimeException e) {
            LOG.warn("cannot refresh the webhook registrations: {}", e.toString());
        }
    }

    Map<String, Registration> all() {
        return byId;
    }

    List<Registration> matching(String type, String channelId) {
        return byId.values().stream().filter(r -> r.wants(type, channelId)).toList();
    }

    private static Registration registration(Document doc) {
        List<Registration.DatedSecret> secrets = new ArrayList<>();
        for (Document secret : doc.getList("secrets", Document.class)) {
            secrets.add(new Registration.DatedSecret(
                    WebhookSecret.parse(secret.getString("secret")),
                    secret.getDate("addedAt").toInstant()));
        }
        return new Registration(
                doc.getString("_id"),
                doc.getString("ownerId"),
                new HashSet<>(doc.getList("channelIds", String.class)),
                doc.getString("url"),
                new HashSet<>(doc.getList("eventTypes", String.class)),
                secrets,
                Boolean.TRUE.equals(doc.getBoolean("paused")));
    }
}
