package io.chorus.query.db;

import com.mongodb.client.model.Sorts;
import io.chorus.common.mongo.ManagedMongoClient;
import io.chorus.common.mongo.MetaCollections;
import io.chorus.query.api.DeviceView;
import java.util.ArrayList;
import java.util.List;
import org.bson.Document;

/** A user's push devices as the meta writer stored them (decision 0200). */
public final class DeviceReads {
    /** A user registers a handful of devices; the list is one page, never more than this. */
    public static final int MAX_DEVICES = 100;

    private final ManagedMongoClient mongo;

    public DeviceReads(ManagedMongoClient mongo) {
        this.mongo = mongo;
    }

    public List<DeviceView> devicesOf(String userId) {
        List<DeviceView> devices = new ArrayList<>();
        for (Document doc : mongo.database()
                .getCollection(MetaCollections.DEVICES)
                .find(new Document("userId", userId))
                .sort(Sorts.ascending("_id"))
                .limit(MAX_DEVICES)) {
            devices.add(DeviceView.of(doc));
        }
        return devices;
    }
}
