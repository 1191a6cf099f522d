package io.chorus.it.security;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.chorus.common.events.Subjects;
import io.chorus.common.nats.DeadLetters;
import io.chorus.common.nats.PermissionsBucket;
import io.chorus.harness.Poll;
import io.chorus.harness.client.ChorusClient;
import io.chorus.harness.client.RateLimitWait;
import io.chorus.harness.client.Response;
import io.chorus.harness.stack.StackDescription;
import io.nats.client.Connection;
import io.nats.client.Nats;
import io.nats.client.api.MessageInfo;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * The security ITs' view of one local stack: REST calls through the harness's client with tokens it signs itself (so a test can give a token
 * any claims), raw META events published around the command service, and reads of the permissions KV.
 */
final class StackClient implements AutoCloseable {
    static final ObjectMapper JSON = new ObjectMapper();
    /** The issuer and audience the local stack's services accept (the harness writes them into every config). */
    static final String ISSUER = "chorus-development";

    static final String AUDIENCE = "chorus";

    final StackDescription stack;
    /** Every request of the security ITs goes through it; a 429 is answered, never waited out. */
    final ChorusClient client;

    final String command;
    final String query;
    final Connection nats;
    private final MACSigner signer;

    StackClient(StackDescription stack) throws Exception {
        this.stack = stack;
        this.client = ChorusClient.of(stack).withRateLimitWait(RateLimitWait.NONE);
        this.command = stack.services().command().url();
        this.query = stack.services().query().url();
        this.nats = Nats.connect(new io.nats.client.Options.Builder()
                .servers(stack.nats().urls().toArray(String[]::new))
                .build());
        this.signer = new MACSigner(stack.auth().hmacSecret().getBytes(StandardCharsets.UTF_8));
    }

    /** A fresh id, unique per test run. */
    static String id(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 12);
    }

    /** A token as the local stack's own tokens are: its issuer and audience, an hour's lifetime. */
    String token(String user) {
        return token(user, claims -> {});
    }

    /** A token whose claims start as {@link #token(String)}'s and are then changed by {@code change}. */
    String token(String user, Consumer<JWTClaimsSet.Builder> change) {
        Instant now = Instant.now();
        JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder()
                .subject(user)
                .issuer(ISSUER)
                .audience(AUDIENCE)
                .issueTime(Date.from(now))
                .expirationTime(Date.from(now.plus(Duration.ofHours(1))))
                .claim("admin", false);
        change.accept(claims);
        SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), claims.build());
        try {
            jwt.sign(signer);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        return jwt.serialize();
    }

    String adminToken(String user) {
        return token(user, claims -> claims.claim("admin", true));
    }

    /** A request to {@code url} of the command service ({@link #command}) or the query service ({@link #query}). */
    Response send(String method, String url, String token, String body) {
        if (url.startsWith(command)) {
            return client.raw(ChorusClient.Service.COMMAND, method, url.substring(command.length()), token, body);
        }
        if (url.startsWith(query)) {
            return client.raw(ChorusClient.Service.QUERY, method, url.substring(query.length()), token, body);
        }
        throw new IllegalArgumentException("not a URL of the command or query service: " + url);
    }

    Response post(String path, String token, String body) {
        return send("POST", command + path, token, body);
    }

    Response get(String path, String token) {
        return send("GET", query + path, token, null);
    }

    Response createChannel(String owner, String channelId, String kind, String... members) {
        String list = members.length == 0 ? "[]" : "[\"" + String.join("\",\"", members) + "\"]";
        return post(
                "/v1/channels",
                token(owner),
                "{\"channelId\":\"" + channelId + "\",\"name\":\"" + channelId + "\",\"kind\":\"" + kind
                        + "\",\"members\":" + list + "}");
    }

    /** userId -> role, as the Query API lists the channel's members. */
    Map<String, String> roles(String channelId) {
        Map<String, String> roles = new HashMap<>();
        get("/v1/channels/" + channelId + "/members?limit=100", adminToken("root"))
                .json()
                .path("items")
                .forEach(
                        m -> roles.put(m.path("userId").asText(), m.path("role").asText()));
        return roles;
    }

    /** The channel's topic as the Query API shows it (null while the channel is not there). */
    String topic(String channelId) {
        Response answer = get("/v1/channels/" + channelId, adminToken("root"));
        return answer.status() == 200 ? answer.json().path("topic").asText(null) : null;
    }

    /**
     * Sets the channel's topic to a fresh marker as {@code owner} and waits until the Query API shows it: every META
     * event published before it on the channel's subject has then been through the meta writer.
     */
    void awaitWriterPast(String channelId, String owner) {
        String marker = id("topic");
        Response set =
                send("PATCH", command + "/v1/channels/" + channelId, token(owner), "{\"topic\":\"" + marker + "\"}");
        if (set.status() != 202) {
            throw new AssertionError("could not set the marker topic: " + set);
        }
        eventually(Duration.ofSeconds(30), () -> topic(channelId), marker::equals);
    }

    /** The role the permissions KV holds for a membership, null when none. */
    String kvRole(String channelId, String userId) throws Exception {
        var entry = nats.keyValue(PermissionsBucket.NAME).get(PermissionsBucket.membershipKey(channelId, userId));
        return entry == null ? null : entry.getValueAsString();
    }

    /** The kind the permissions KV holds for a channel, null when none. */
    String kvKind(String channelId) throws Exception {
        var entry = nats.keyValue(PermissionsBucket.NAME).get(PermissionsBucket.channelKey(channelId));
        return entry == null ? null : entry.getValueAsString();
    }

    /** Publishes an event on the channel's META subject directly, as if a command had; answers its sequence. */
    long publishMeta(String type, String channelId, String actor, ObjectNode payload) throws Exception {
        ObjectNode envelope = JSON.createObjectNode()
                .put("id", UUID.randomUUID().toString())
                .put("type", type)
                .put("channelId", channelId)
                .put("actorId", actor)
                .put("occurredAt", Instant.now().toString());
        envelope.set("payload", payload);
        return nats.jetStream()
                .publish(Subjects.channelMeta(channelId), envelope.toString().getBytes(StandardCharsets.UTF_8))
                .getSeqno();
    }

    /** The dead letter of META's message at {@code seq}, or null when there is none (yet). */
    MessageInfo deadLetterOf(long seq) {
        try {
            var jsm = nats.jetStreamManagement();
            var state = jsm.getStreamInfo(Subjects.DEAD_LETTER_STREAM).getStreamState();
            for (long s = state.getLastSequence(); s >= state.getFirstSequence() && s > 0; s--) {
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

    /** Polls until the supplier's answer satisfies the condition, or fails after the deadline. */
    static <T> T eventually(Duration deadline, Supplier<T> read, Predicate<T> condition) {
        return Poll.until(deadline, read, condition);
    }

    /** Until the Query API lists the channel with {@code members} members and the permissions KV knows it. */
    void awaitChannel(String channelId, long members) {
        eventually(
                Duration.ofSeconds(30),
                () -> get("/v1/channels/" + channelId, adminToken("root")),
                a -> a.status() == 200 && a.json().path("memberCount").asLong() == members);
        eventually(
                Duration.ofSeconds(30),
                () -> {
                    try {
                        return kvKind(channelId);
                    } catch (Exception e) {
                        return null;
                    }
                },
                kind -> kind != null);
    }

    @Override
    public void close() throws Exception {
        nats.close();
    }
}
