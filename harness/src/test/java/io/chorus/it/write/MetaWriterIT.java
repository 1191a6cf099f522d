package io.chorus.it.write;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import io.chorus.common.events.Subjects;
import io.chorus.common.nats.DeadLetters;
import io.chorus.common.paging.PageBuckets;
import io.chorus.harness.Poll;
import io.chorus.harness.client.Response;
import io.chorus.harness.stack.LocalStackExtension;
import io.chorus.harness.stack.StackDescription;
import io.chorus.it.StackFixture;
import io.nats.client.Connection;
import io.nats.client.JetStream;
import io.nats.client.Nats;
import io.nats.client.api.MessageInfo;
import io.nats.client.api.PublishAck;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The meta writer: idempotent on replay, and a poison event dead-lettered without stalling it. */
@ExtendWith(LocalStackExtension.class)
class MetaWriterIT {
    private static byte[] event(String type, String channelId, String actor, ObjectNode payload) {
        ObjectNode envelope = StackFixture.JSON
                .createObjectNode()
                .put("id", UUID.randomUUID().toString())
                .put("type", type)
                .put("channelId", channelId)
                .put("actorId", actor)
                .put("occurredAt", Instant.now().toString());
        envelope.set("payload", payload);
        return envelope.toString().getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void replayingEventsLeavesTheSameState(StackDescription stack) throws Exception {
        StackFixture api = new StackFixture(stack);
        String channel = StackFixture.id("replay");
        ObjectNode created = StackFixture.JSON
                .createObjectNode()
                .put("name", "Replay")
                .put("kind", "private")
                .put("topic", "t");
        created.putArray("members").add("bob");
        ObjectNode added = StackFixture.JSON.createObjectNode().put("role", "member");
        added.putArray("userIds").add("carol").add("dave");
        ObjectNode removed = StackFixture.JSON.createObjectNode().put("userId", "dave");
        List<byte[]> history = List.of(
                event("channel.created", channel, "alice", created),
                event("members.added", channel, "alice", added),
                event("member.removed", channel, "alice", removed));
        try (Connection nats = Nats.connect(stack.nats().urls().get(0))) {
            JetStream js = nats.jetStream();
            for (int round = 0; round < 3; round++) {
                // each round is stored again (no Nats-Msg-Id), as a replay of the stream would deliver it
                for (byte[] body : history) {
                    js.publish(Subjects.channelMeta(channel), body);
                }
            }
            api.awaitChannel(channel, "alice", 3);
            // the last round was applied too: a later event of the same subject is visible only after it
            js.publish(
                    Subjects.channelMeta(channel),
                    event(
                            "channel.updated",
                            channel,
                            "alice",
                            StackFixture.JSON.createObjectNode().put("topic", "after replay")));
            Poll.until(
                    Duration.ofSeconds(20),
                    () -> api.get("/v1/channels/" + channel, api.adminToken("root"))
                            .json(),
                    j -> "after replay".equals(j.path("topic").asText()));
            assertThat(api.get("/v1/channels/" + channel, api.token("alice"))
                            .json()
                            .path("memberCount")
                            .asLong())
                    .isEqualTo(3);
            var members = api.get("/v1/channels/" + channel + "/members", api.token("alice"))
                    .json()
                    .path("items");
            List<String> expectedMembers = new java.util.ArrayList<>(List.of("alice", "bob", "carol"));
            expectedMembers.sort(PageBuckets.ORDER);
            assertThat(members.findValuesAsText("userId")).containsExactlyElementsOf(expectedMembers);
            assertThat(members.get(expectedMembers.indexOf("alice"))
                            .path("role")
                            .asText())
                    .isEqualTo("owner");
            // the permissions bucket agrees: dave was removed, carol may post
            assertThat(api.sendMessage("dave", channel, "m", "x").status()).isEqualTo(403);
            assertThat(api.sendMessage("carol", channel, "m", "x").status()).isEqualTo(202);
        }
    }

    /**
     * The crash gap of decision 0013: a writer that died after inserting memberships but before moving the count
     * leaves the memberships without their count; the redelivered event meets them as duplicates and recounts.
     */
    @Test
    void aCountLeftBehindByACrashIsRepairedByTheRedelivery(StackDescription stack) throws Exception {
        StackFixture api = new StackFixture(stack);
        String channel = StackFixture.id("gap");
        ObjectNode created = StackFixture.JSON
                .createObjectNode()
                .put("name", "Gap")
                .put("kind", "private")
                .put("topic", "t");
        created.putArray("members").add("bob");
        try (Connection nats = Nats.connect(stack.nats().urls().get(0));
                MongoClient mongo = MongoClients.create(stack.mongo().uri())) {
            JetStream js = nats.jetStream();
            js.publish(Subjects.channelMeta(channel), event("channel.created", channel, "alice", created));
            api.awaitChannel(channel, "alice", 2);
            MongoCollection<Document> memberships = mongo.getDatabase("chorus").getCollection("memberships");
            // what the crashed writer left: carol's membership inserted, the count not moved; bob's deleted, ditto
            memberships.insertOne(new Document("_id", channel + ":carol")
                    .append("channelId", channel)
                    .append("userId", "carol")
                    .append("role", "member")
                    .append("joinedAt", new java.util.Date()));
            ObjectNode added = StackFixture.JSON.createObjectNode().put("role", "member");
            added.putArray("userIds").add("carol");
            js.publish(Subjects.channelMeta(channel), event("members.added", channel, "alice", added));
            api.awaitChannel(channel, "alice", 3);
            memberships.deleteOne(new Document("_id", channel + ":bob"));
            js.publish(
                    Subjects.channelMeta(channel),
                    event(
                            "member.removed",
                            channel,
                            "alice",
                            StackFixture.JSON.createObjectNode().put("userId", "bob")));
            api.awaitChannel(channel, "alice", 2);
            assertThat(api.get("/v1/channels/" + channel, api.token("alice"))
                            .json()
                            .path("memberCount")
                            .asLong())
                    .isEqualTo(2);
        }
    }

    /**
     * A channel carries its member count from its insert, so it must not be readable before the memberships it
     * counts: watched from the first moment the channel document exists, every one of its members is stored.
     */
    @Test
    void aChannelIsReadableOnlyOnceEveryMemberItCountsIs(StackDescription stack) throws Exception {
        String channel = StackFixture.id("whole");
        ObjectNode created = StackFixture.JSON
                .createObjectNode()
                .put("name", "Whole")
                .put("kind", "private")
                .put("topic", "t");
        var members = created.putArray("members");
        for (int i = 0; i < 3_000; i++) {
            members.add(String.format("whole-%04d", i));
        }
        try (Connection nats = Nats.connect(stack.nats().urls().get(0));
                MongoClient mongo = MongoClients.create(stack.mongo().uri())) {
            MongoCollection<Document> channels = mongo.getDatabase("chorus").getCollection("channels");
            MongoCollection<Document> memberships = mongo.getDatabase("chorus").getCollection("memberships");
            nats.jetStream()
                    .publish(Subjects.channelMeta(channel), event("channel.created", channel, "alice", created));
            // polled without pause: the window in which a channel inserted first showed a count ahead of its
            // memberships was the time of a 3,000-document insert, tens of milliseconds
            Instant deadline = Instant.now().plusSeconds(30);
            Document first = null;
            while (first == null && Instant.now().isBefore(deadline)) {
                first = channels.find(new Document("_id", channel)).first();
            }
            assertThat(first).as("channel stored within 30 s").isNotNull();
            long stored = memberships.countDocuments(new Document("channelId", channel));
            assertThat(first.get("memberCount", Number.class).longValue()).isEqualTo(3_001);
            assertThat(stored).isEqualTo(3_001);
        }
    }

    /** What a writer that died between the two inserts leaves: memberships of a channel not stored yet. */
    @Test
    void membershipsLeftWithoutTheirChannelAreCountedWhenTheRedeliveryInsertsIt(StackDescription stack)
            throws Exception {
        StackFixture api = new StackFixture(stack);
        String channel = StackFixture.id("orphans");
        ObjectNode created = StackFixture.JSON
                .createObjectNode()
                .put("name", "Orphans")
                .put("kind", "private")
                .put("topic", "t");
        String orphan = StackFixture.id("orphan");
        created.putArray("members").add(orphan).add("carol");
        try (Connection nats = Nats.connect(stack.nats().urls().get(0));
                MongoClient mongo = MongoClients.create(stack.mongo().uri())) {
            MongoCollection<Document> memberships = mongo.getDatabase("chorus").getCollection("memberships");
            memberships.insertOne(new Document("_id", channel + ":" + orphan)
                    .append("channelId", channel)
                    .append("userId", orphan)
                    .append("role", "member")
                    .append("joinedAt", new java.util.Date())
                    .append(PageBuckets.FIELD, PageBuckets.keys(channel, orphan)));
            Response before = api.get("/v1/users/me/channels", api.token(orphan));
            assertThat(before.status()).isEqualTo(200);
            assertThat(before.json().path("items").size())
                    .as("a channel not stored yet is not listed")
                    .isZero();
            nats.jetStream()
                    .publish(Subjects.channelMeta(channel), event("channel.created", channel, "alice", created));
            api.awaitChannel(channel, "alice", 3);
            List<String> expected = new java.util.ArrayList<>(List.of("alice", orphan, "carol"));
            expected.sort(PageBuckets.ORDER);
            assertThat(api.get("/v1/channels/" + channel + "/members", api.token(orphan))
                            .json()
                            .path("items")
                            .findValuesAsText("userId"))
                    .containsExactlyElementsOf(expected);
            assertThat(api.get("/v1/users/me/channels", api.token(orphan))
                            .json()
                            .path("items")
                            .findValuesAsText("channelId"))
                    .containsExactly(channel);
        }
    }

    /** Users are inserted first (no upsert); a stored name is replaced only by a newer event's. */
    @Test
    void aUserKeepsTheNewestNameWhateverOrderAndReplaysBring(StackDescription stack) throws Exception {
        String user = StackFixture.id("named");
        Instant older = Instant.parse("2026-01-01T00:00:00Z");
        Instant newer = older.plusSeconds(60);
        Instant newest = newer.plusSeconds(60);
        try (Connection nats = Nats.connect(stack.nats().urls().get(0));
                MongoClient mongo = MongoClients.create(stack.mongo().uri())) {
            JetStream js = nats.jetStream();
            js.publish(Subjects.userMeta(user), userUpdated(user, "Newer", newer));
            js.publish(Subjects.userMeta(user), userUpdated(user, "Older", older));
            js.publish(Subjects.userMeta(user), userUpdated(user, "Newer", newer));
            MongoCollection<Document> users = mongo.getDatabase("chorus").getCollection("users");
            // a later event of the same subject shows that the three before it were applied
            js.publish(Subjects.userMeta(user), userUpdated(user, "Newest", newest));
            Document stored = Poll.until(
                    Duration.ofSeconds(20),
                    () -> users.find(new Document("_id", user)).first(),
                    d -> d != null && "Newest".equals(d.getString("displayName")));
            assertThat(stored.getDate("updatedAt").toInstant()).isEqualTo(newest);
            js.publish(Subjects.userMeta(user), userUpdated(user, "Older", older));
            js.publish(Subjects.userMeta(user), userUpdated(user + "-probe", "Probe", older));
            Poll.until(
                    Duration.ofSeconds(20),
                    () -> users.find(new Document("_id", user + "-probe")).first(),
                    d -> d != null);
            assertThat(users.find(new Document("_id", user)).first().getString("displayName"))
                    .isEqualTo("Newest");
        }
    }

    /**
     * {@code users.imported} (decision 0060) writes the documents {@code user.updated} writes: replays of it change
     * nothing, a newer {@code user.updated} survives a replay of an older import, and an import newer than a stored
     * name replaces it.
     */
    @Test
    void importedUsersAreIdempotentAndOrderedByTimeWithUserUpdates(StackDescription stack) throws Exception {
        String prefix = StackFixture.id("batch");
        Instant importedAt = Instant.parse("2026-02-01T00:00:00Z");
        try (Connection nats = Nats.connect(stack.nats().urls().get(0));
                MongoClient mongo = MongoClients.create(stack.mongo().uri())) {
            JetStream js = nats.jetStream();
            MongoCollection<Document> users = mongo.getDatabase("chorus").getCollection("users");
            // "renamed" got a newer name of its own before the (older) import reaches the writer; "stale" had an
            // older one, which the import replaces
            js.publish(
                    Subjects.userMeta(prefix + "-renamed"),
                    userUpdated(prefix + "-renamed", "Own name", importedAt.plusSeconds(60)));
            js.publish(
                    Subjects.userMeta(prefix + "-stale"),
                    userUpdated(prefix + "-stale", "Stale", importedAt.minusSeconds(60)));
            byte[] imported = usersImported(
                    importedAt, prefix + "-0", prefix + "-1", prefix + "-renamed", prefix + "-stale", prefix + "-2");
            for (int round = 0; round < 3; round++) {
                js.publish(Subjects.userImports(), imported); // no Nats-Msg-Id: each round is stored and applied
            }
            String probe = prefix + "-probe";
            js.publish(Subjects.userImports(), usersImported(importedAt, probe));
            Poll.until(
                    Duration.ofSeconds(30),
                    () -> users.find(new Document("_id", probe)).first(),
                    d -> d != null);
            for (String user : List.of("0", "1", "2", "stale")) {
                Document stored =
                        users.find(new Document("_id", prefix + "-" + user)).first();
                assertThat(stored).as(user).isNotNull();
                assertThat(stored.getString("displayName")).isEqualTo("Imported " + prefix + "-" + user);
                assertThat(stored.getDate("updatedAt").toInstant()).isEqualTo(importedAt);
            }
            assertThat(users.find(new Document("_id", prefix + "-renamed"))
                            .first()
                            .getString("displayName"))
                    .isEqualTo("Own name");
            assertThat(users.countDocuments(com.mongodb.client.model.Filters.regex("_id", "^" + prefix + "-")))
                    .isEqualTo(6);
        }
    }

    /**
     * The duplicate path of decision 0073: a re-import of 1,000 stored users, half of which have a newer name of
     * their own and half an older one, converges (newest {@code updatedAt} wins) and does not stall the writer, as
     * the {@code $and}-guarded updates did on FerretDB (decision 0060 "Withdrawn"). Prints how long the first import
     * and the re-import took to apply (from publish to stored, META's queue included), for the decision's record.
     */
    @Test
    void aReImportOfAThousandStoredUsersConverges(StackDescription stack) throws Exception {
        String prefix = StackFixture.id("reimport");
        Instant first = Instant.now().minusSeconds(3_600).truncatedTo(java.time.temporal.ChronoUnit.MILLIS);
        String[] ids = new String[1_000];
        for (int i = 0; i < ids.length; i++) {
            ids[i] = prefix + "-" + i;
        }
        try (Connection nats = Nats.connect(stack.nats().urls().get(0));
                MongoClient mongo = MongoClients.create(stack.mongo().uri())) {
            JetStream js = nats.jetStream();
            MongoCollection<Document> users = mongo.getDatabase("chorus").getCollection("users");
            long newStart = System.nanoTime();
            js.publish(Subjects.userImports(), namedImport(first, "First ", ids));
            // polled for the state itself: a later probe event can share the segment, whose chunks insert in parallel
            Poll.until(
                    Duration.ofSeconds(60),
                    () -> users.countDocuments(com.mongodb.client.model.Filters.regex("_id", "^" + prefix + "-\\d")),
                    n -> n == 1_000);
            double newSeconds = (System.nanoTime() - newStart) / 1e9;
            // the even users rename themselves after the re-import's time, the odd ones before it
            for (int i = 0; i < ids.length; i++) {
                Instant own = first.plusSeconds(i % 2 == 0 ? 120 : 30);
                js.publishAsync(Subjects.userMeta(ids[i]), userUpdated(ids[i], "Own " + i, own));
            }
            awaitStored(js, users, prefix + "-probe-own");
            long again = System.nanoTime();
            for (int round = 0; round < 2; round++) { // a replay too: no Nats-Msg-Id, both copies are applied
                js.publish(Subjects.userImports(), namedImport(first.plusSeconds(60), "Again ", ids));
            }
            js.publish(Subjects.userImports(), namedImport(first, "First ", ids)); // the older import, replayed
            Poll.until(Duration.ofSeconds(60), () -> converged(users, ids), ok -> ok);
            double againSeconds = (System.nanoTime() - again) / 1e9;
            awaitStored(js, users, prefix + "-probe-again"); // a later batch: the replayed older import is applied
            System.out.printf(
                    "PROBE users.imported of 1,000 new users applied in %.2f s; 3 re-imports of the 1,000 "
                            + "stored users applied in %.2f s%n",
                    newSeconds, againSeconds);
            for (int i = 0; i < ids.length; i++) {
                Document stored = users.find(new Document("_id", ids[i])).first();
                String expected = i % 2 == 0 ? "Own " + i : "Again " + ids[i];
                assertThat(stored.getString("displayName")).as(ids[i]).isEqualTo(expected);
                assertThat(stored.getDate("updatedAt").toInstant())
                        .as(ids[i])
                        .isEqualTo(first.plusSeconds(i % 2 == 0 ? 120 : 60));
            }
        }
    }

    /** Every user holds its newest name: its own for the even ones, the re-import's for the odd ones. */
    private static boolean converged(MongoCollection<Document> users, String[] ids) {
        for (int i = 0; i < ids.length; i++) {
            Document stored = users.find(new Document("_id", ids[i])).first();
            String expected = i % 2 == 0 ? "Own " + i : "Again " + ids[i];
            if (stored == null || !expected.equals(stored.getString("displayName"))) {
                return false;
            }
        }
        return true;
    }

    /** Publishes a one-user import and waits until it is stored: META is applied in order, so is all before it. */
    private static void awaitStored(JetStream js, MongoCollection<Document> users, String probe) throws Exception {
        js.publish(Subjects.userImports(), usersImported(Instant.now(), probe));
        Poll.until(
                Duration.ofSeconds(60),
                () -> users.find(new Document("_id", probe)).first(),
                d -> d != null);
    }

    private static byte[] usersImported(Instant at, String... ids) {
        return namedImport(at, "Imported ", ids);
    }

    private static byte[] namedImport(Instant at, String namePrefix, String[] ids) {
        ObjectNode envelope = StackFixture.JSON
                .createObjectNode()
                .put("id", UUID.randomUUID().toString())
                .put("type", "users.imported")
                .put("actorId", "root")
                .put("occurredAt", at.toString());
        var users = envelope.putObject("payload").putArray("users");
        for (String id : ids) {
            users.addObject().put("id", id).put("displayName", namePrefix + id);
        }
        return envelope.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] userUpdated(String user, String name, Instant at) {
        ObjectNode envelope = StackFixture.JSON
                .createObjectNode()
                .put("id", UUID.randomUUID().toString())
                .put("type", "user.updated")
                .put("actorId", user)
                .put("occurredAt", at.toString());
        envelope.set("payload", StackFixture.JSON.createObjectNode().put("displayName", name));
        return envelope.toString().getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void aMalformedEventIsDeadLetteredAndTheWriterMovesOn(StackDescription stack) throws Exception {
        StackFixture api = new StackFixture(stack);
        String poisoned = StackFixture.id("poison");
        try (Connection nats = Nats.connect(stack.nats().urls().get(0))) {
            PublishAck poison = nats.jetStream()
                    .publish(Subjects.channelMeta(poisoned), "{this is not an event".getBytes(StandardCharsets.UTF_8));
            ObjectNode unknownKind =
                    StackFixture.JSON.createObjectNode().put("name", "x").put("kind", "galaxy");
            PublishAck invalid = nats.jetStream()
                    .publish(Subjects.channelMeta(poisoned), event("channel.created", poisoned, "alice", unknownKind));
            ObjectNode badUser = StackFixture.JSON.createObjectNode();
            badUser.putArray("users").addObject().put("id", "not a token").put("displayName", "X");
            PublishAck badImport =
                    nats.jetStream().publish(Subjects.userImports(), event("users.imported", null, "root", badUser));

            // the writer is not stalled: a channel created after the poison appears
            String after = StackFixture.id("after");
            assertThat(api.createChannel("alice", after, "public").status()).isEqualTo(202);
            api.awaitChannel(after, "alice", 1);

            for (PublishAck ack : List.of(poison, invalid, badImport)) {
                MessageInfo dead =
                        Poll.until(Duration.ofSeconds(30), () -> deadLetterOf(nats, ack.getSeqno()), m -> m != null);
                assertThat(dead.getHeaders().getFirst(DeadLetters.STREAM_HEADER))
                        .isEqualTo(Subjects.META_STREAM);
                assertThat(dead.getHeaders().getFirst(DeadLetters.CONSUMER_HEADER))
                        .isEqualTo("meta-writer");
                assertThat(dead.getHeaders().getFirst(DeadLetters.ERROR_HEADER)).isNotBlank();
                // poison is dead-lettered on its first delivery: no redelivery can make it valid (decision 0120)
                assertThat(Integer.parseInt(dead.getHeaders().getFirst(DeadLetters.DELIVERIES_HEADER)))
                        .isEqualTo(1);
            }
            assertThat(api.get("/v1/channels/" + poisoned, api.adminToken("root"))
                            .status())
                    .isEqualTo(404);
        }
    }

    /** The dead letter of META's message at {@code seq}, or null when there is none (yet). */
    private static MessageInfo deadLetterOf(Connection nats, long seq) {
        try {
            var jsm = nats.jetStreamManagement();
            long last = jsm.getStreamInfo(Subjects.DEAD_LETTER_STREAM)
                    .getStreamState()
                    .getLastSequence();
            long first = jsm.getStreamInfo(Subjects.DEAD_LETTER_STREAM)
                    .getStreamState()
                    .getFirstSequence();
            for (long s = last; s >= first && s > 0; s--) {
                MessageInfo info = jsm.getMessage(Subjects.DEAD_LETTER_STREAM, s);
                if (info.getHeaders() != null
                        && Long.toString(seq).equals(info.getHeaders().getFirst(DeadLetters.SEQUENCE_HEADER))
                        && Subjects.META_STREAM.equals(info.getHeaders().getFirst(DeadLetters.STREAM_HEADER))) {
                    return info;
                }
            }
            return null;
        } catch (Exception e) {
            return null;
        }
    }
}
