package io.chorus.delivery;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.ReplaceOptions;
import io.chorus.common.auth.DevelopmentTokens;
import io.chorus.common.events.EventEnvelope;
import io.chorus.common.events.EventTypes;
import io.chorus.common.events.Subjects;
import io.chorus.common.events.UuidV7;
import io.chorus.common.nats.JetStreamLayout;
import io.chorus.harness.stack.StackDescription;
import io.nats.client.Connection;
import io.nats.client.Nats;
import io.nats.client.Options;
import io.nats.client.api.PublishAck;
import io.nats.client.impl.Headers;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.UUID;
import org.bson.Document;

/**
 * Test setup that bypasses the write side: publishes real event envelopes to JetStream (as the Command Service
 * does) and writes memberships the way the meta-writer stores them (Mongo {@code memberships}, the
 * {@code permissions} KV, and the {@code members.added} / {@code member.removed} META events). Nothing else in the
 * tests knows how events and memberships are produced, so this is the one place to move onto the real endpoints.
 */
public final class LiveDeliveryFixture implements AutoCloseable {
    public static final ObjectMapper JSON = new ObjectMapper()
            .registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

    private final StackDescription stack;
    private final Connection nats;
    private final MongoClient mongo;
    private final DevelopmentTokens tokens;

    public LiveDeliveryFixture(StackDescription stack) throws Exception {
        this.stack = stack;
        this.nats = Nats.connect(new Options.Builder()
                .servers(stack.nats().urls().toArray(String[]::new))
                .connectionName("it-fixture")
                .build());
        JetStreamLayout.forConnection(nats).ensure(nats);
        this.mongo = MongoClients.create(stack.mongo().uri());
        this.tokens = new DevelopmentTokens(stack.auth().hmacSecret());
    }

    public Connection nats() {
        return nats;
    }

    public String token(String userId) {
        return tokens.issue(userId, false, Duration.ofHours(1));
    }

    /** A fresh id for a channel or user, so test classes sharing one stack never meet. */
    public static String id(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    /** A published message: its id and its stream sequence. */
    public record Sent(UUID messageId, long seq, String text) {}

    public Sent sendMessage(String channelId, String authorId, String text) throws Exception {
        return sendMessageAt(channelId, authorId, text, Instant.now());
    }

    /** A {@code message.created} as the Command Service publishes it, with its id and time set to {@code at}. */
    public Sent sendMessageAt(String channelId, String authorId, String text, Instant at) throws Exception {
        UUID id = UuidV7.at(at.toEpochMilli());
        ObjectNode payload =
                JSON.createObjectNode().put("clientMsgId", id.toString()).put("text", text);
        PublishAck ack = publish(
                channelId,
                new EventEnvelope(id, EventTypes.MESSAGE_CREATED, channelId, authorId, at, payload),
                channelId + ":" + authorId + ":" + id);
        return new Sent(id, ack.getSeqno(), text);
    }

    public long editMessage(String channelId, String actorId, UUID messageId, String text) throws Exception {
        ObjectNode payload =
                JSON.createObjectNode().put("messageId", messageId.toString()).put("text", text);
        return publish(
                        channelId,
                        new EventEnvelope(
                                UuidV7.generate(),
                                EventTypes.MESSAGE_EDITED,
                                channelId,
                                actorId,
                                Instant.now(),
                                payload),
                        null)
                .getSeqno();
    }

    public long deleteMessage(String channelId, String actorId, UUID messageId) throws Exception {
        ObjectNode payload = JSON.createObjectNode().put("messageId", messageId.toString());
        return publish(
                        channelId,
                        new EventEnvelope(
                                UuidV7.generate(),
                                EventTypes.MESSAGE_DELETED,
                                channelId,
                                actorId,
                                Instant.now(),
                                payload),
                        null)
                .getSeqno();
    }

    /** Publishes a body as it is (a poison event, or a duplicate that escaped the duplicate window). */
    public long publishRaw(String channelId, byte[] body) throws Exception {
        return nats.jetStream().publish(Subjects.message(channelId), body).getSeqno();
    }

    private PublishAck publish(String channelId, EventEnvelope event, String msgId) throws Exception {
        Headers headers = new Headers();
        if (msgId != null) {
            headers.put("Nats-Msg-Id", msgId);
        }
        return nats.jetStream().publish(Subjects.message(channelId), headers, JSON.writeValueAsBytes(event));
    }

    /** Members join: the Mongo documents and permission keys the meta-writer keeps, and the META event. */
    public void join(String channelId, List<String> userIds) throws Exception {
        MongoCollection<Document> memberships = mongo.getDatabase("chorus").getCollection("memberships");
        for (String userId : userIds) {
            memberships.replaceOne(
                    new Document("_id", channelId + ":" + userId),
                    new Document("_id", channelId + ":" + userId)
                            .append("channelId", channelId)
                            .append("userId", userId)
                            .append("role", "member")
                            .append("joinedAt", new Date()),
                    new ReplaceOptions().upsert(true));
            nats.keyValue(Subjects.PERMISSIONS_BUCKET).put(Subjects.permissionKey(channelId, userId), "member");
        }
        ObjectNode payload = JSON.createObjectNode().put("role", "member");
        userIds.forEach(payload.putArray("userIds")::add);
        publishMeta(channelId, EventTypes.MEMBERS_ADDED, payload);
    }

    public void leave(String channelId, String userId) throws Exception {
        mongo.getDatabase("chorus")
                .getCollection("memberships")
                .deleteOne(new Document("_id", channelId + ":" + userId));
        nats.keyValue(Subjects.PERMISSIONS_BUCKET).delete(Subjects.permissionKey(channelId, userId));
        publishMeta(
                channelId, EventTypes.MEMBER_REMOVED, JSON.createObjectNode().put("userId", userId));
    }

    /**
     * Waits until the meta writer has applied every META event published so far. {@link #join} and {@link #leave}
     * write the KV themselves AND publish the event the writer applies again later: without this, a test that joins
     * then leaves may connect while the writer is re-adding the membership it has not yet seen removed.
     */
    public void awaitMetaApplied() throws Exception {
        long last = nats.jetStreamManagement()
                .getStreamInfo(Subjects.META_STREAM)
                .getStreamState()
                .getLastSequence();
        Poll.until(
                "the meta writer applied META up to " + last,
                Duration.ofSeconds(60),
                () -> nats.jetStreamManagement()
                        .getConsumerInfo(Subjects.META_STREAM, "meta-writer")
                        .getAckFloor()
                        .getStreamSequence(),
                floor -> floor >= last);
    }

    private void publishMeta(String channelId, String type, ObjectNode payload) throws Exception {
        EventEnvelope event = new EventEnvelope(UuidV7.generate(), type, channelId, "it-admin", Instant.now(), payload);
        nats.jetStream().publish(Subjects.channelMeta(channelId), JSON.writeValueAsBytes(event));
    }

    public MongoClient mongo() {
        return mongo;
    }

    public StackDescription stack() {
        return stack;
    }

    @Override
    public void close() throws Exception {
        mongo.close();
        nats.close();
    }
}
