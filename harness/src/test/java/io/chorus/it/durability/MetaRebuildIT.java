package io.chorus.it.durability;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Sorts;
import io.chorus.common.mongo.MetaCollections;
import io.chorus.common.nats.PermissionsBucket;
import io.chorus.harness.Poll;
import io.chorus.harness.client.Response;
import io.chorus.harness.rebuild.StoreRebuild;
import io.chorus.harness.search.SearchFixture;
import io.chorus.harness.stack.LocalStackExtension;
import io.chorus.harness.stack.StackDescription;
import io.nats.client.KeyValue;
import io.nats.client.api.KeyValueEntry;
import io.nats.client.api.KeyValueOperation;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The metadata stores come back from {@code META} (decision 0140): channels, memberships and role changes made
 * through the command API, then the channels' documents wiped from MongoDB and their keys purged from the
 * {@code permissions} bucket; {@code harness rebuild mongo} and {@code harness rebuild permissions} restore exactly
 * what they held (a promotion kept, a removal still removed), a second rebuild over the full stores changes nothing,
 * and commands judged on the rebuilt permissions answer as before.
 */
@Order(91)
@ExtendWith(LocalStackExtension.class)
class MetaRebuildIT {
    private static final Duration APPLIED_WITHIN = Duration.ofSeconds(60);

    private static StackDescription stack;
    private static SearchFixture fixture;

    @BeforeAll
    static void connect(StackDescription described) {
        stack = described;
        fixture = new SearchFixture(stack);
    }

    @AfterAll
    static void close() {
        if (fixture != null) {
            fixture.close();
        }
    }

    /** Two channels and their users: {@code removed} was a member of {@code group} and is no more. */
    private record Channels(
            String group, String other, String owner, String promoted, String member, String removed, String newcomer) {
        List<String> ids() {
            return List.of(group, other);
        }

        List<String> users() {
            return List.of(owner, promoted, member, removed, newcomer);
        }
    }

    @Test
    void theMetadataStoresAreRebuiltFromMetaAfterTheyAreWiped() {
        Channels channels = makeChannels();
        Map<String, List<Document>> documents = documents(channels);
        Map<String, String> permissions = permissions(channels);
        assertThat(documents.get(MetaCollections.MEMBERSHIPS))
                .as("memberships before the wipe")
                .hasSize(5);
        assertThat(permissions)
                .as("permissions before the wipe")
                .containsEntry(PermissionsBucket.membershipKey(channels.group(), channels.promoted()), "admin")
                .doesNotContainKey(PermissionsBucket.membershipKey(channels.group(), channels.removed()));

        wipe(channels);
        assertThat(documents(channels).values()).as("the wiped documents").allMatch(List::isEmpty);
        assertThat(permissions(channels)).as("the purged keys").isEmpty();
        // the command service reuses a permission answer for a bounded time: polled past it
        Poll.until(
                "a member's send refused once the channel's keys are purged (404: no such channel)",
                APPLIED_WITHIN,
                () -> send(channels.member(), channels.group()).status() == 404);

        assertThat(rebuild(StoreRebuild.Store.MONGO).events())
                .as("the channels' events replayed")
                .isGreaterThanOrEqualTo(6);
        assertThat(documents(channels)).as("the documents as before the wipe").isEqualTo(documents);
        assertThat(rebuild(StoreRebuild.Store.PERMISSIONS).events()).isGreaterThanOrEqualTo(6);
        assertThat(permissions(channels))
                .as("the permissions as before the wipe")
                .isEqualTo(permissions);

        // replayed over full stores, nothing changes: no removal undone, no promotion lost, no count moved
        rebuild(StoreRebuild.Store.MONGO);
        rebuild(StoreRebuild.Store.PERMISSIONS);
        assertThat(documents(channels))
                .as("the documents after a rebuild over them")
                .isEqualTo(documents);
        assertThat(permissions(channels))
                .as("the permissions after a rebuild over them")
                .isEqualTo(permissions);

        // commands are judged on the rebuilt permissions as before the wipe
        Poll.until(
                "a member's send accepted on the rebuilt key",
                APPLIED_WITHIN,
                () -> send(channels.member(), channels.group()).status() == 202);
        assertThat(send(channels.removed(), channels.group()).status())
                .as("a removed member sends")
                .isEqualTo(403);
        assertThat(fixture.command(
                                "POST",
                                "/v1/channels/" + channels.group() + "/members",
                                channels.member(),
                                "{\"userIds\":[\"" + channels.newcomer() + "\"],\"role\":\"admin\"}")
                        .status())
                .as("a plain member granting admin")
                .isEqualTo(403);
        accepted(
                "POST",
                "/v1/channels/" + channels.group() + "/members",
                channels.promoted(),
                "{\"userIds\":[\"" + channels.newcomer() + "\"],\"role\":\"admin\"}");
        String newcomerKey = PermissionsBucket.membershipKey(channels.group(), channels.newcomer());
        Poll.until(
                "the rebuilt admin's grant applied",
                APPLIED_WITHIN,
                () -> "admin".equals(value(newcomerKey).orElse(null)));
    }

    /** A group with a promotion and a removal, and a second channel of another owner, all through the API. */
    private static Channels makeChannels() {
        Channels c = new Channels(
                SearchFixture.unique("c"),
                SearchFixture.unique("c"),
                SearchFixture.unique("u"),
                SearchFixture.unique("u"),
                SearchFixture.unique("u"),
                SearchFixture.unique("u"),
                SearchFixture.unique("u"));
        accepted(
                "POST",
                "/v1/channels",
                c.owner(),
                "{\"channelId\":\"" + c.group() + "\",\"name\":\"group\"," + "\"kind\":\"private\",\"members\":[\""
                        + c.promoted() + "\",\"" + c.removed() + "\"]}");
        Poll.until(
                "the owner's role applied in " + c.group(),
                APPLIED_WITHIN,
                () -> fixture.hasRole(c.group(), c.owner()));
        accepted("POST", "/v1/channels/" + c.group() + "/members", c.owner(), "{\"userIds\":[\"" + c.member() + "\"]}");
        accepted(
                "POST",
                "/v1/channels/" + c.group() + "/members",
                c.owner(),
                "{\"userIds\":[\"" + c.promoted() + "\"],\"role\":\"admin\"}");
        accepted("DELETE", "/v1/channels/" + c.group() + "/members/" + c.removed(), c.owner(), null);
        accepted("PATCH", "/v1/channels/" + c.group(), c.owner(), "{\"topic\":\"rebuilt\"}");
        accepted(
                "POST",
                "/v1/channels",
                c.member(),
                "{\"channelId\":\"" + c.other() + "\",\"name\":\"other\"," + "\"kind\":\"public\",\"members\":[\""
                        + c.owner() + "\"]}");
        Poll.until(
                "the channels' last changes applied",
                APPLIED_WITHIN,
                () -> fixture.hasRole(c.other(), c.owner())
                        && !fixture.hasRole(c.group(), c.removed())
                        && "admin".equals(permissions(c).get(PermissionsBucket.membershipKey(c.group(), c.promoted())))
                        && "rebuilt"
                                .equals(Optional.ofNullable(database()
                                                .getCollection(MetaCollections.CHANNELS)
                                                .find(Filters.eq("_id", c.group()))
                                                .first())
                                        .map(d -> d.getString("topic"))
                                        .orElse(null)));
        return c;
    }

    /** The channels' documents and their memberships, by collection, in id order. */
    private static Map<String, List<Document>> documents(Channels channels) {
        Map<String, List<Document>> documents = new LinkedHashMap<>();
        documents.put(
                MetaCollections.CHANNELS,
                sorted(database().getCollection(MetaCollections.CHANNELS).find(Filters.in("_id", channels.ids()))));
        documents.put(
                MetaCollections.MEMBERSHIPS,
                sorted(database()
                        .getCollection(MetaCollections.MEMBERSHIPS)
                        .find(Filters.in("channelId", channels.ids()))));
        return documents;
    }

    private static List<Document> sorted(com.mongodb.client.FindIterable<Document> found) {
        return found.sort(Sorts.ascending("_id")).into(new ArrayList<>());
    }

    /** Every key of the channels the bucket holds a value for: their kinds and each user's role. */
    private static Map<String, String> permissions(Channels channels) {
        Map<String, String> held = new LinkedHashMap<>();
        for (String channel : channels.ids()) {
            value(PermissionsBucket.channelKey(channel))
                    .ifPresent(v -> held.put(PermissionsBucket.channelKey(channel), v));
            for (String user : channels.users()) {
                String key = PermissionsBucket.membershipKey(channel, user);
                value(key).ifPresent(v -> held.put(key, v));
            }
        }
        return held;
    }

    private static Optional<String> value(String key) {
        try {
            KeyValueEntry entry = bucket().get(key);
            return entry == null || entry.getOperation() != KeyValueOperation.PUT
                    ? Optional.empty()
                    : Optional.of(new String(entry.getValue(), StandardCharsets.UTF_8));
        } catch (Exception e) {
            throw new IllegalStateException("cannot read " + key + " from the permissions bucket", e);
        }
    }

    /** Deletes the channels' documents and purges every key of theirs from the bucket. */
    private static void wipe(Channels channels) {
        MongoCollection<Document> channelDocs = database().getCollection(MetaCollections.CHANNELS);
        MongoCollection<Document> memberships = database().getCollection(MetaCollections.MEMBERSHIPS);
        channelDocs.deleteMany(Filters.in("_id", channels.ids()));
        memberships.deleteMany(Filters.in("channelId", channels.ids()));
        try {
            for (String channel : channels.ids()) {
                bucket().purge(PermissionsBucket.channelKey(channel));
                for (String user : channels.users()) {
                    bucket().purge(PermissionsBucket.membershipKey(channel, user));
                }
            }
        } catch (Exception e) {
            throw new IllegalStateException("cannot purge the permissions bucket", e);
        }
    }

    private static StoreRebuild.Result rebuild(StoreRebuild.Store store) {
        List<String> lines = new ArrayList<>();
        Optional<StoreRebuild.Result> result = new StoreRebuild().run(stack, store, line -> {
            lines.add(line);
            System.out.println(line);
        });
        assertThat(result)
                .as("the rebuild of %s finished: %s", store.id(), lines)
                .isPresent();
        return result.get();
    }

    private static KeyValue bucket() throws java.io.IOException {
        return fixture.nats().keyValue(PermissionsBucket.NAME);
    }

    private static MongoDatabase database() {
        return fixture.mongo().getDatabase("chorus");
    }

    private static Response send(String author, String channel) {
        return fixture.command(
                "POST",
                "/v1/channels/" + channel + "/messages",
                author,
                "{\"clientMsgId\":\"" + UUID.randomUUID() + "\",\"text\":\"after the wipe\"}");
    }

    private static void accepted(String method, String path, String user, String body) {
        Response response = fixture.command(method, path, user, body);
        assertThat(response.status())
                .as("%s %s: %s", method, path, response.body())
                .isEqualTo(202);
    }
}
