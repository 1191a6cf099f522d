package io.chorus.workers.db;

import com.mongodb.MongoBulkWriteException;
import com.mongodb.bulk.BulkWriteError;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.BulkWriteOptions;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.InsertManyOptions;
import com.mongodb.client.model.UpdateOneModel;
import com.mongodb.client.model.Updates;
import com.mongodb.client.model.WriteModel;
import io.chorus.common.events.MetaPayloads;
import io.chorus.common.mongo.MetaCollections;
import io.chorus.common.paging.PageBuckets;
import io.chorus.workers.core.ChannelCreations;
import io.chorus.workers.core.MetaEvent;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.function.Supplier;
import org.bson.Document;
import org.bson.conversions.Bson;

/**
 * Applies {@code META} events to MongoDB, idempotently: every document is inserted under its natural id first, a
 * channel's {@code memberCount} moves only by memberships actually inserted or deleted, so replaying any prefix of
 * the stream leaves the same state. Memberships and channels are inserted first (a duplicate key means "already
 * applied"), memberships before the channels that carry their count; events of one batch are grouped into unordered
 * batch writes (the cost that matters for a million memberships); a segment is cut where order matters: before a
 * removal, or when a membership repeats.
 */
public final class MongoMetaStore {
    private static final BulkWriteOptions UNORDERED = new BulkWriteOptions().ordered(false);
    private static final InsertManyOptions UNORDERED_INSERT = new InsertManyOptions().ordered(false);
    private static final int DUPLICATE_KEY = 11000;
    /** The roles below each role that a grant may raise. */
    private static final Map<String, List<String>> LOWER_ROLES = Map.of(
            MetaPayloads.ROLE_OWNER, List.of(MetaPayloads.ROLE_MEMBER, MetaPayloads.ROLE_ADMIN),
            MetaPayloads.ROLE_ADMIN, List.of(MetaPayloads.ROLE_MEMBER));

    /** Inserts larger than this are cut into chunks of this size and written side by side (decision 0012). */
    static final int INSERT_CHUNK = 1_000;

    public static final int INSERT_THREADS = 4;
    /** Statements per update command: well under FerretDB's 50 PostgreSQL connections, shared with every reader. */
    static final int UPDATE_CHUNK = 16;

    private final Supplier<MongoDatabase> database;
    private final ExecutorService inserters;
    private MongoCollection<Document> users;
    private MongoCollection<Document> channels;
    private MongoCollection<Document> memberships;
    private PushPreferenceWrites pushPreferences;
    private WebhookRegistry webhooks;

    /**
     * @param database  the metadata database, resolved once the client has started
     * @param inserters {@link #INSERT_THREADS} threads that write the chunks of a large insert side by side
     */
    public MongoMetaStore(Supplier<MongoDatabase> database, ExecutorService inserters) {
        this.database = database;
        this.inserters = inserters;
    }

    /** Opens the collections and ensures their indexes; call once the client has started. */
    public void open() {
        MongoDatabase db = database.get();
        users = db.getCollection(MetaCollections.USERS);
        channels = db.getCollection(MetaCollections.CHANNELS);
        memberships = db.getCollection(MetaCollections.MEMBERSHIPS);
        pushPreferences = new PushPreferenceWrites(db);
        webhooks = new WebhookRegistry(db.getCollection(MetaCollections.WEBHOOKS));
        MetaCollections.ensureIndexes(db);
    }

    public void apply(List<MetaEvent> events) {
        apply(events, () -> {});
    }

    /** @param heartbeat called before each long write, to tell the stream the batch is still being worked on */
    public void apply(List<MetaEvent> events, Runnable heartbeat) {
        Segment segment = new Segment(heartbeat);
        for (MetaEvent event : events) {
            if (event instanceof MetaEvent.MemberRemoved removed) {
                segment.flush();
                remove(removed);
            } else if (PushPreferenceWrites.applies(event)) {
                // a user's own settings, a few per user: written one by one, in order, between segments
                segment.flush();
                pushPreferences.apply(event);
            } else if (event instanceof MetaEvent.ChannelRead read) {
                segment.flush();
                markRead(read);
            } else if (event instanceof MetaEvent.WebhookChanged webhook) {
                segment.flush();
                webhooks.apply(webhook);
            } else if (event instanceof MetaEvent.UserUpdated user) {
                segment.users.add(userDocument(user.userId(), user.displayName(), user.at()));
            } else if (event instanceof MetaEvent.UsersImported imported) {
                // one event, a thousand documents into the segment's one unordered insert (decision 0060)
                for (MetaPayloads.ImportedUser user : imported.users()) {
                    segment.users.add(userDocument(user.id(), user.displayName(), imported.at()));
                }
            } else if (event instanceof MetaEvent.ChannelCreated created) {
                segment.newChannels.add(newChannel(created));
                segment.member(created.channelId(), created.actorId(), MetaPayloads.ROLE_OWNER, created.at());
                for (String member : created.payload().members()) {
                    if (!member.equals(created.actorId())) {
                        segment.member(created.channelId(), member, MetaPayloads.ROLE_MEMBER, created.at());
                    }
                }
            } else if (event instanceof MetaEvent.ChannelUpdated updated) {
                List<Bson> sets = new ArrayList<>();
                if (updated.payload().name() != null) {
                    sets.add(Updates.set("name", updated.payload().name()));
                }
                if (updated.payload().topic() != null) {
                    sets.add(Updates.set("topic", updated.payload().topic()));
                }
                sets.add(Updates.set("updatedAt", date(updated.at())));
                // no upsert: an update of a channel that was never created changes nothing
                segment.channels.add(
                        new UpdateOneModel<>(Filters.eq("_id", updated.channelId()), Updates.combine(sets)));
            } else if (event instanceof MetaEvent.MembersAdded added) {
                for (String user : added.userIds()) {
                    segment.member(added.channelId(), user, added.role(), added.at());
                }
            }
        }
        segment.flush();
    }

    /** A user as {@code user.updated} and {@code users.imported} both write it. */
    private static Document userDocument(String userId, String displayName, Instant at) {
        return new Document("_id", userId).append("displayName", displayName).append("updatedAt", date(at));
    }

    private static Document newChannel(MetaEvent.ChannelCreated created) {
        MetaPayloads.ChannelCreated p = created.payload();
        // memberCount is set when the segment is flushed: the memberships of the channel in that segment
        return new Document("_id", created.channelId())
                .append("name", p.name())
                .append("kind", p.kind())
                .append("topic", p.topic() == null ? "" : p.topic())
                .append("createdBy", created.actorId())
                .append("createdAt", date(created.at()));
    }

    /**
     * Inserts documents, unordered, and answers which of them were new: an insert refused as a duplicate key is
     * a replay, which is what makes insert-first idempotent. On a MongoDB-wire server backed by SQLite, a batch
     * insert is two orders of magnitude faster than the same upserts (decision 0011).
     */
    private boolean[] insertNew(MongoCollection<Document> collection, List<Document> docs) {
        boolean[] inserted = new boolean[docs.size()];
        java.util.Arrays.fill(inserted, true);
        if (docs.size() <= INSERT_CHUNK) {
            insertChunk(collection, docs, inserted, 0);
            return inserted;
        }
        // FerretDB on PostgreSQL inserts 1,000-document chunks from 4 connections about 4x faster than one
        // 100,000-document insertMany (FerretWriteProbe, decision 0012); a segment's channels and memberships are
        // distinct, so the chunks do not depend on each other; a user may repeat (two updates, or an import and an
        // update), and whichever chunk inserts it first, the other copy is refused and then guarded by updatedAt
        List<Future<?>> chunks = new ArrayList<>();
        for (int from = 0; from < docs.size(); from += INSERT_CHUNK) {
            int offset = from;
            List<Document> chunk = docs.subList(from, Math.min(docs.size(), from + INSERT_CHUNK));
            chunks.add(inserters.submit(() -> insertChunk(collection, chunk, inserted, offset)));
        }
        for (Future<?> chunk : chunks) {
            await(chunk);
        }
        return inserted;
    }

    /** Marks in {@code inserted}, from {@code offset}, the documents refused as duplicates (already applied). */
    private static void insertChunk(
            MongoCollection<Document> collection, List<Document> docs, boolean[] inserted, int offset) {
        if (docs.isEmpty()) {
            return;
        }
        try {
            collection.insertMany(docs, UNORDERED_INSERT);
        } catch (MongoBulkWriteException e) {
            for (BulkWriteError error : e.getWriteErrors()) {
                if (error.getCode() != DUPLICATE_KEY) {
                    throw e;
                }
                inserted[offset + error.getIndex()] = false;
            }
        }
    }

    private static void await(Future<?> chunk) {
        try {
            chunk.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while inserting", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new IllegalStateException(e.getCause());
        }
    }

    /**
     * Sends updates as unordered bulk writes of at most {@link #UPDATE_CHUNK} statements. FerretDB 1.24 keeps the
     * PostgreSQL connection of every statement of an {@code update} command that matched a document until the whole
     * command ends (the statement's query stops after its one document and is closed at the end), from a pool of 50:
     * one command of 200 matching guarded updates waited for a connection for ever (decision 0073).
     */
    private static void updateInChunks(MongoCollection<Document> collection, List<WriteModel<Document>> updates) {
        for (int from = 0; from < updates.size(); from += UPDATE_CHUNK) {
            collection.bulkWrite(updates.subList(from, Math.min(updates.size(), from + UPDATE_CHUNK)), UNORDERED);
        }
    }

    private void remove(MetaEvent.MemberRemoved removed) {
        long deleted = memberships
                .deleteOne(Filters.eq("_id", MetaCollections.membershipId(removed.channelId(), removed.userId())))
                .getDeletedCount();
        if (deleted > 0) {
            channels.updateOne(Filters.eq("_id", removed.channelId()), Updates.inc("memberCount", -deleted));
        } else {
            // nothing to delete: a redelivery after a crash before the $inc, or a removal of a non-member
            recount(removed.channelId());
        }
    }

    /**
     * Moves a member's read mark forward (decision 0251): {@code $max} keeps the greater of the stored and the new
     * mark, and canonical UUIDv7 strings compare as the ids do, so a replay or an older mark changes nothing. No
     * upsert: a mark for a channel the user is not in (any more) is dropped with the membership.
     */
    private void markRead(MetaEvent.ChannelRead read) {
        memberships.updateOne(
                Filters.eq("_id", MetaCollections.membershipId(read.channelId(), read.userId())),
                Updates.max(MetaCollections.LAST_READ, read.lastRead().toString()));
    }

    /** Sets a channel's count from its memberships: the idempotent repair of a count a crash left behind. */
    private void recount(String channelId) {
        long members = memberships.countDocuments(Filters.eq("channelId", channelId));
        channels.updateOne(Filters.eq("_id", channelId), Updates.set("memberCount", members));
    }

    /**
     * The stored user {@code userId} if its {@code updatedAt} is older than {@code at} (decision 0013: the newest
     * version wins). Written as one document of field conditions, never {@code Filters.and}: the driver renders that
     * as a top-level {@code $and}, which FerretDB 1.24 does not push down to PostgreSQL, so every guarded update
     * scanned the whole collection (a re-import of 200 stored users outlasted the 30 s read timeout, decision 0073).
     * With {@code _id} a top-level equality, each update is one primary-key lookup.
     */
    static Bson olderVersionOf(String userId, Date at) {
        return new Document("_id", userId).append("updatedAt", new Document("$lt", at));
    }

    /**
     * The stored membership {@code membershipId} if its role is lower than {@code role}; top-level keys as above.
     * Null when no role is lower (a {@code member} grant changes no membership that exists).
     */
    static Bson lowerRoleOf(String membershipId, String role) {
        List<String> lower = LOWER_ROLES.getOrDefault(role, List.of());
        return lower.isEmpty() ? null : new Document("_id", membershipId).append("role", new Document("$in", lower));
    }

    /**
     * Who created each of these channels and as what kind, for those the store holds: one point read each
     * ({@code $in} is not pushed down to PostgreSQL by FerretDB, decision 0014), so ask only for channels known to
     * exist.
     */
    public Map<String, ChannelCreations.Creation> creations(Set<String> channelIds) {
        Map<String, ChannelCreations.Creation> stored = new HashMap<>();
        for (String channelId : channelIds) {
            Document channel = channels.find(Filters.eq("_id", channelId)).first();
            if (channel != null) {
                stored.put(
                        channelId,
                        new ChannelCreations.Creation(channel.getString("createdBy"), channel.getString("kind")));
            }
        }
        return stored;
    }

    private static Date date(Instant at) {
        return Date.from(at);
    }

    /** Writes that may go in one unordered batch per collection. */
    private final class Segment {
        final List<Document> users = new ArrayList<>();
        final List<WriteModel<Document>> channels = new ArrayList<>();
        final List<Document> newChannels = new ArrayList<>();
        final List<Document> memberships = new ArrayList<>();
        final Set<String> membershipIds = new HashSet<>();
        final Runnable heartbeat;

        Segment(Runnable heartbeat) {
            this.heartbeat = heartbeat;
        }

        void member(String channelId, String userId, String role, Instant at) {
            String id = MetaCollections.membershipId(channelId, userId);
            if (!membershipIds.add(id)) {
                flush();
                membershipIds.add(id);
            }
            memberships.add(new Document("_id", id)
                    .append("channelId", channelId)
                    .append("userId", userId)
                    .append("role", role)
                    .append("joinedAt", date(at))
                    .append(PageBuckets.FIELD, PageBuckets.keys(channelId, userId)));
        }

        /**
         * Insert first (an upsert is a read and a write on FerretDB); a user already there gets the new name only
         * if this event is newer than what is stored, so a replay, or two updates of one user in a segment (whose
         * unordered insert may take either), leave the newest name.
         */
        void writeUsers() {
            boolean[] inserted = insertNew(MongoMetaStore.this.users, users);
            List<WriteModel<Document>> newer = new ArrayList<>();
            for (int i = 0; i < users.size(); i++) {
                Document user = users.get(i);
                if (!inserted[i]) {
                    newer.add(new UpdateOneModel<>(
                            olderVersionOf(user.getString("_id"), user.getDate("updatedAt")),
                            Updates.combine(
                                    Updates.set("displayName", user.getString("displayName")),
                                    Updates.set("updatedAt", user.getDate("updatedAt")))));
                }
            }
            updateInChunks(MongoMetaStore.this.users, newer);
        }

        void flush() {
            heartbeat.run();
            // users first: an import's users come before its channels in META, so a channel the Query API shows has
            // its creator and members' names stored (inserted first, a channel would show before its users)
            writeUsers();
            // memberships before the channels they create: a channel is inserted already carrying its count, so
            // a reader that sees the channel with N members must find each of them a member (inserted first, the
            // channel would show N members while its members were still refused as strangers)
            // a channel created in this segment is inserted with the count of its memberships in the segment, so
            // it needs no $inc (one read and write each on FerretDB: 100K channels seeded for one user paid 100K);
            // a channel.created that meets its channel already stored is a redelivery and is recounted instead
            heartbeat.run();
            boolean[] inserted = insertNew(MongoMetaStore.this.memberships, memberships);
            Map<String, Long> segmentCounts = new HashMap<>();
            memberships.forEach(m -> segmentCounts.merge(m.getString("channelId"), 1L, Long::sum));
            newChannels.forEach(c -> c.append("memberCount", segmentCounts.getOrDefault(c.getString("_id"), 0L)));
            boolean[] channelInserted = insertNew(MongoMetaStore.this.channels, newChannels);
            Set<String> countedAtCreation = new HashSet<>();
            Set<String> recount = new HashSet<>();
            for (int i = 0; i < newChannels.size(); i++) {
                (channelInserted[i] ? countedAtCreation : recount)
                        .add(newChannels.get(i).getString("_id"));
            }
            updateInChunks(MongoMetaStore.this.channels, channels);
            Map<String, Long> counts = new LinkedHashMap<>();
            List<WriteModel<Document>> roleFixes = new ArrayList<>();
            for (int i = 0; i < memberships.size(); i++) {
                Document m = memberships.get(i);
                if (inserted[i]) {
                    counts.merge(m.getString("channelId"), 1L, Long::sum);
                } else {
                    // a redelivery after a crash between this insert and its $inc would leave the count short:
                    // a channel that met an existing membership is counted afresh instead (decision 0013)
                    recount.add(m.getString("channelId"));
                    // already a member: only a higher role changes it (a grant); adding never lowers a role, so
                    // neither a member re-added "as member" nor a replayed older grant demotes (decision 0101)
                    Bson lower = lowerRoleOf(m.getString("_id"), m.getString("role"));
                    if (lower != null) {
                        roleFixes.add(new UpdateOneModel<>(lower, Updates.set("role", m.getString("role"))));
                    }
                }
            }
            if (!roleFixes.isEmpty()) {
                heartbeat.run();
                updateInChunks(MongoMetaStore.this.memberships, roleFixes);
            }
            // one round trip for all the counts of the segment (a user seeded into 100K channels moves 100K)
            List<WriteModel<Document>> incs = new ArrayList<>(counts.size());
            counts.forEach((channelId, count) -> {
                if (!recount.contains(channelId) && !countedAtCreation.contains(channelId)) {
                    incs.add(new UpdateOneModel<>(Filters.eq("_id", channelId), Updates.inc("memberCount", count)));
                }
            });
            if (!incs.isEmpty()) {
                heartbeat.run();
                updateInChunks(MongoMetaStore.this.channels, incs);
            }
            recount.forEach(MongoMetaStore.this::recount);
            users.clear();
            channels.clear();
            newChannels.clear();
            memberships.clear();
            membershipIds.clear();
        }
    }
}
