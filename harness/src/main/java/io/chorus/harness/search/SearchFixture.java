package io.chorus.harness.search;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import io.chorus.common.auth.DevelopmentTokens;
import io.chorus.common.events.EventEnvelope;
import io.chorus.common.events.EventTypes;
import io.chorus.common.events.Subjects;
import io.chorus.common.events.UuidV7;
import io.chorus.common.mongo.MetaCollections;
import io.chorus.common.nats.JetStreamLayout;
import io.chorus.common.nats.PermissionsBucket;
import io.chorus.harness.Poll;
import io.chorus.harness.client.ChorusClient;
import io.chorus.harness.client.RateLimitWait;
import io.chorus.harness.client.Response;
import io.chorus.harness.population.DirectMemberships;
import io.chorus.harness.stack.StackDescription;
import io.nats.client.Connection;
import io.nats.client.JetStream;
import io.nats.client.Nats;
import io.nats.client.Options;
import io.nats.client.PublishOptions;
import io.nats.client.api.KeyValueEntry;
import io.nats.client.api.KeyValueOperation;
import io.nats.client.api.PublishAck;
import io.nats.client.impl.Headers;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * Feeds the search path without the command service: publishes message events to {@code MESSAGES} exactly as the
 * command service does (real envelopes on {@code chat.msg.<channelId>}, {@code Nats-Msg-Id} =
 * {@code <channelId>:<actorId>:<clientMsgId>}), and seeds memberships by writing the documents and
 * {@code permissions} keys the meta-writer owns (decision 0002). It bypasses the write side, whose own tests cover
 * it; the search calls go to the real query API.
 */
public final class SearchFixture implements AutoCloseable {
    private static final ObjectMapper JSON =
            JsonMapper.builder().addModule(new JavaTimeModule()).build();

    private final Connection nats;
    private final JetStream jetStream;
    private final MongoClient mongo;
    private final DirectMemberships memberships;
    private final DevelopmentTokens tokens;
    private static final Duration RATE_LIMITED_FOR = Duration.ofSeconds(30);

    private ChorusClient client;

    /** A published event: its envelope id and where JetStream put it. */
    public record Published(UUID id, long sequence, Instant ackedAt) {}

    public SearchFixture(StackDescription stack) {
        try {
            this.nats = Nats.connect(new Options.Builder()
                    .servers(stack.nats().urls().toArray(String[]::new))
                    .connectionName("search-fixture")
                    .build());
            // an earlier test may have restarted NATS nodes: the cluster answers again once it has a meta leader
            new JetStreamLayout(JetStreamLayout.replicasFor(stack.nats().urls().size()))
                    .ensure(nats, Duration.ofSeconds(60));
            this.jetStream = nats.jetStream();
        } catch (Exception e) {
            throw new IllegalStateException(
                    "cannot reach NATS at " + stack.nats().urls(), e);
        }
        this.mongo = MongoClients.create(stack.mongo().uri());
        this.memberships = new DirectMemberships(mongo, jetStream);
        // the same indexes, by the same names, as the meta-writer creates
        MetaCollections.ensureIndexes(mongo.getDatabase("chorus"));
        this.tokens = new DevelopmentTokens(stack.auth().hmacSecret());
        this.client = ChorusClient.of(stack).withRateLimitWait(RateLimitWait.within(RATE_LIMITED_FOR));
    }

    /** How long a search request may take before the client gives up (30 s unless set). */
    public SearchFixture searchTimeout(Duration timeout) {
        this.client = client.withTimeout(timeout);
        return this;
    }

    /** The REST client this fixture calls the services with (429s waited out for up to 30 s). */
    public ChorusClient client() {
        return client;
    }

    /** A development token of {@code userId}, ten minutes long. */
    public String token(String userId) {
        return tokens.issue(userId, false, Duration.ofMinutes(10));
    }

    public MongoClient mongo() {
        return mongo;
    }

    public Connection nats() {
        return nats;
    }

    public static String unique(String prefix) {
        return prefix + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    }

    // ---- the write side (stand-in) ----

    public Published publishCreated(String channelId, String authorId, String text) {
        return publish(created(channelId, authorId, text));
    }

    /** A {@code message.created} envelope as the command service builds it (the envelope id is the message id). */
    public static EventEnvelope created(String channelId, String authorId, String text) {
        ObjectNode payload = JSON.createObjectNode()
                .put("clientMsgId", UUID.randomUUID().toString())
                .put("text", text);
        return new EventEnvelope(
                UuidV7.generate(), EventTypes.MESSAGE_CREATED, channelId, authorId, Instant.now(), payload);
    }

    public Published publishEdited(String channelId, String actorId, UUID messageId, String text) {
        ObjectNode payload =
                JSON.createObjectNode().put("messageId", messageId.toString()).put("text", text);
        return publish(new EventEnvelope(
                UuidV7.generate(), EventTypes.MESSAGE_EDITED, channelId, actorId, Instant.now(), payload));
    }

    public Published publishDeleted(String channelId, String actorId, UUID messageId) {
        ObjectNode payload = JSON.createObjectNode().put("messageId", messageId.toString());
        return publish(new EventEnvelope(
                UuidV7.generate(), EventTypes.MESSAGE_DELETED, channelId, actorId, Instant.now(), payload));
    }

    /** Publishes with the idempotency key the command service uses, so JetStream drops a duplicate. */
    public Published publish(EventEnvelope envelope) {
        String msgId = EventTypes.MESSAGE_CREATED.equals(envelope.type())
                ? envelope.channelId() + ":" + envelope.actorId() + ":"
                        + envelope.payload().path("clientMsgId").asText()
                : envelope.id().toString();
        return publish(envelope, msgId);
    }

    /** Publishes an envelope again under a new {@code Nats-Msg-Id}: the same event reaching the stream twice. */
    public Published publishAgain(EventEnvelope envelope) {
        return publish(envelope, UUID.randomUUID().toString());
    }

    /** Publishes without waiting: for load, where the caller bounds what is in flight. */
    public java.util.concurrent.CompletableFuture<PublishAck> publishAsync(EventEnvelope envelope) {
        try {
            String msgId = envelope.channelId() + ":" + envelope.actorId() + ":"
                    + envelope.payload().path("clientMsgId").asText();
            return jetStream.publishAsync(
                    Subjects.message(envelope.channelId()),
                    new Headers().put("Nats-Msg-Id", msgId),
                    JSON.writeValueAsBytes(envelope));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public Published publishRaw(String channelId, byte[] body) {
        try {
            PublishAck ack = jetStream.publish(Subjects.message(channelId), body);
            return new Published(null, ack.getSeqno(), Instant.now());
        } catch (Exception e) {
            throw new IllegalStateException("publish failed", e);
        }
    }

    private Published publish(EventEnvelope envelope, String msgId) {
        try {
            Headers headers = new Headers().put("Nats-Msg-Id", msgId);
            PublishAck ack = jetStream.publish(
                    Subjects.message(envelope.channelId()),
                    headers,
                    JSON.writeValueAsBytes(envelope),
                    PublishOptions.builder()
                            .expectedStream(Subjects.MESSAGES_STREAM)
                            .build());
            return new Published(envelope.id(), ack.getSeqno(), Instant.now());
        } catch (Exception e) {
            throw new IllegalStateException("publish failed", e);
        }
    }

    // ---- memberships (stand-in for the meta-writer) ----
    // As the meta writer does (decision 0011): the MongoDB documents first, then the permissions KV keys, which the
    // command service and search's membership checks read (decision 0043).

    public void addMembers(String channelId, String... userIds) {
        memberships.join(channelId, List.of(userIds));
    }

    /** Makes one user a member of many channels, in batches. */
    public void addMemberships(String userId, List<String> channelIds) {
        memberships.userIn(userId, channelIds);
    }

    /** Whether the {@code permissions} KV holds a role of {@code userId} in {@code channelId} (the meta writer applied it). */
    public boolean hasRole(String channelId, String userId) {
        try {
            KeyValueEntry entry =
                    nats.keyValue(PermissionsBucket.NAME).get(PermissionsBucket.membershipKey(channelId, userId));
            return entry != null && entry.getOperation() == KeyValueOperation.PUT;
        } catch (IOException | io.nats.client.JetStreamApiException e) {
            throw new IllegalStateException("cannot read the permissions KV", e);
        }
    }

    public void removeMember(String channelId, String userId) {
        memberships.remove(channelId, userId);
    }

    // ---- the query API (real) ----

    /** A search's answer: its status, its JSON body and its {@code Retry-After} header (empty if absent). */
    public record Answer(int status, JsonNode body, java.util.Optional<String> retryAfter) {
        public List<String> messageIds() {
            List<String> ids = new ArrayList<>();
            body.path("hits").forEach(h -> ids.add(h.path("messageId").asText()));
            return ids;
        }
    }

    /**
     * A search as {@code userId}, answered as a client would see it after honouring the query service's per-user rate
     * limit: the client waits out a 429 for its {@code Retry-After}, for at most {@link #RATE_LIMITED_FOR} in all.
     */
    public Answer search(String userId, Map<String, String> params) {
        return searchWithToken(token(userId), params);
    }

    /** A search with this bearer token (null: none), a 429 waited out as {@link #search} does. */
    public Answer searchWithToken(String token, Map<String, String> params) {
        String query = params.entrySet().stream()
                .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        return answer(client.raw(ChorusClient.Service.QUERY, "GET", "/v1/search?" + query, token, null));
    }

    /** {@code GET} of a query-service path (with its query string) as {@code userId}: status and JSON body. */
    public Answer query(String pathAndQuery, String userId) {
        return answer(client.raw(ChorusClient.Service.QUERY, "GET", pathAndQuery, token(userId), null));
    }

    private static Answer answer(Response response) {
        return new Answer(
                response.status(),
                response.json() == null ? JSON.missingNode() : response.json(),
                response.header("Retry-After"));
    }

    /**
     * Waits until the durable {@code consumer} of {@code MESSAGES} (the message writer, the search indexer) has
     * acked every event up to stream sequence {@code seq}: whatever those events do to its store is done.
     */
    public void awaitAcked(String consumer, long seq, Duration timeout) {
        Poll.until(() -> consumer + " acked up to MESSAGES seq " + seq, timeout, () -> {
            try {
                return nats.jetStreamManagement()
                                .getConsumerInfo(Subjects.MESSAGES_STREAM, consumer)
                                .getAckFloor()
                                .getStreamSequence()
                        >= seq;
            } catch (IOException | io.nats.client.JetStreamApiException e) {
                return false;
            }
        });
    }

    /** A request to the command service as {@code userId} (a development token), JSON body or none. */
    public Response command(String method, String path, String userId, String body) {
        return client.raw(ChorusClient.Service.COMMAND, method, path, token(userId), body);
    }

    @Override
    public void close() {
        mongo.close();
        try {
            nats.close();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
