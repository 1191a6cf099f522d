package io.chorus.workers.db;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.ReplaceOptions;
import io.chorus.common.mongo.MetaCollections;
import io.chorus.workers.core.MetaEvent;
import java.util.Date;
import org.bson.Document;
import org.bson.conversions.Bson;

/**
 * Applies the push settings of {@code META} (decision 0200): devices and notification levels. Each write is keyed by
 * its natural id (the device id, the membership id), so replaying a prefix of the stream in order leaves the same
 * documents; a registration replaces the device's document, so a token registered by another user moves to them.
 */
final class PushPreferenceWrites {
    private static final ReplaceOptions UPSERT = new ReplaceOptions().upsert(true);

    private final MongoCollection<Document> devices;
    private final MongoCollection<Document> levels;

    PushPreferenceWrites(MongoDatabase db) {
        this.devices = db.getCollection(MetaCollections.DEVICES);
        this.levels = db.getCollection(MetaCollections.NOTIFICATION_LEVELS);
    }

    static boolean applies(MetaEvent event) {
        return event instanceof MetaEvent.DeviceRegistered
                || event instanceof MetaEvent.DeviceRemoved
                || event instanceof MetaEvent.NotificationLevelSet;
    }

    void apply(MetaEvent event) {
        if (event instanceof MetaEvent.DeviceRegistered registered) {
            devices.replaceOne(byId(registered.device().deviceId()), device(registered), UPSERT);
        } else if (event instanceof MetaEvent.DeviceRemoved removed) {
            devices.deleteOne(ownDevice(removed.deviceId(), removed.userId()));
        } else if (event instanceof MetaEvent.NotificationLevelSet set) {
            String id = MetaCollections.membershipId(set.channelId(), set.userId());
            levels.replaceOne(
                    byId(id),
                    new Document("_id", id)
                            .append("channelId", set.channelId())
                            .append("userId", set.userId())
                            .append("level", set.level().wireName())
                            .append("updatedAt", Date.from(set.at())),
                    UPSERT);
        }
    }

    static Document device(MetaEvent.DeviceRegistered registered) {
        return new Document("_id", registered.device().deviceId())
                .append("userId", registered.userId())
                .append("platform", registered.device().platform())
                .append("token", registered.device().token())
                .append("appId", registered.device().appId())
                .append("registeredAt", Date.from(registered.at()));
    }

    /** The device if it is the user's: one document of top-level conditions, as FerretDB pushes down (0073). */
    static Bson ownDevice(String deviceId, String userId) {
        return new Document("_id", deviceId).append("userId", userId);
    }

    private static Bson byId(String id) {
        return new Document("_id", id);
    }
}
