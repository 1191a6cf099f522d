package io.chorus.workers.push;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import io.chorus.common.core.RecentReads;
import io.chorus.common.mongo.MetaCollections;
import io.chorus.common.push.NotificationLevel;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;
import org.bson.Document;

/**
 * What the push worker reads of the metadata store (decision 0202): memberships, notification levels and devices,
 * each a point read or a read of one field's equality (FerretDB pushes down top-level field conditions only). Who set
 * a channel to {@code all}, asked for every message, is reused for a short while (decision 0290).
 */
public class PushDirectory {
    /** A registered device. */
    public record Device(String deviceId, String userId, String platform, String token, String appId) {}

    /** Channels whose {@code all} listeners are remembered at once: past it they are read again. */
    private static final int REMEMBERED_CHANNELS = 10_000;

    private final Supplier<MongoDatabase> database;
    private final RecentReads<Set<String>> notifiedOfAll;

    /** @param levelsReusedFor how long one read of a channel's {@code all} listeners serves its messages */
    public PushDirectory(Supplier<MongoDatabase> database, Duration levelsReusedFor) {
        this.database = database;
        this.notifiedOfAll = new RecentReads<>(levelsReusedFor, REMEMBERED_CHANNELS);
    }

    private MongoCollection<Document> collection(String name) {
        return database.get().getCollection(name);
    }

    /** All members of a channel: asked only for direct channels, which have two. */
    public List<String> members(String channelId) {
        List<String> members = new ArrayList<>();
        for (Document m : collection(MetaCollections.MEMBERSHIPS).find(new Document("channelId", channelId))) {
            members.add(m.getString("userId"));
        }
        return members;
    }

    /** Those of {@code userIds} who are members of the channel. */
    public List<String> membersAmong(String channelId, Set<String> userIds) {
        List<String> members = new ArrayList<>();
        for (String userId : userIds) {
            if (collection(MetaCollections.MEMBERSHIPS)
                            .find(new Document("_id", MetaCollections.membershipId(channelId, userId)))
                            .first()
                    != null) {
                members.add(userId);
            }
        }
        return members;
    }

    /** The users who set the channel to {@code all}, as read at most {@code levelsReusedFor} ago. */
    public Set<String> notifiedOfAll(String channelId) {
        return notifiedOfAll.get(channelId, () -> readNotifiedOfAll(channelId));
    }

    private Set<String> readNotifiedOfAll(String channelId) {
        Set<String> users = new LinkedHashSet<>();
        for (Document level : collection(MetaCollections.NOTIFICATION_LEVELS)
                .find(new Document("channelId", channelId).append("level", NotificationLevel.ALL.wireName()))) {
            users.add(level.getString("userId"));
        }
        return Collections.unmodifiableSet(users);
    }

    public NotificationLevel level(String channelId, String userId) {
        Document level = collection(MetaCollections.NOTIFICATION_LEVELS)
                .find(new Document("_id", MetaCollections.membershipId(channelId, userId)))
                .first();
        return level == null
                ? NotificationLevel.DEFAULT
                : NotificationLevel.named(level.getString("level")).orElse(NotificationLevel.DEFAULT);
    }

    public List<Device> devices(String userId) {
        List<Device> devices = new ArrayList<>();
        for (Document d : collection(MetaCollections.DEVICES).find(new Document("userId", userId))) {
            devices.add(new Device(
                    d.getString("_id"),
                    d.getString("userId"),
                    d.getString("platform"),
                    d.getString("token"),
                    d.getString("appId")));
        }
        return devices;
    }
}
