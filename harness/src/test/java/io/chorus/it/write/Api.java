package io.chorus.it.write;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.chorus.common.auth.DevelopmentTokens;
import io.chorus.common.nats.PermissionsBucket;
import io.chorus.harness.Poll;
import io.chorus.harness.client.ChorusClient;
import io.chorus.harness.client.RateLimitWait;
import io.chorus.harness.client.Response;
import io.chorus.harness.stack.StackDescription;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * The write-side ITs' view of one stack: development tokens, requests through the harness's {@link ChorusClient}
 * (any request, well-formed or not; a 429 is answered, never waited out, so a test of the limit sees it), and waits
 * for the meta writer to have applied a channel.
 */
public final class Api {
    public static final ObjectMapper JSON = new ObjectMapper();

    final ChorusClient client;
    final String command;
    final String query;
    private final DevelopmentTokens tokens;
    private final KvReader permissions;

    public Api(StackDescription stack) {
        this.client = ChorusClient.of(stack).withRateLimitWait(RateLimitWait.NONE);
        this.command = stack.services().command().url();
        this.query = stack.services().query().url();
        this.tokens = new DevelopmentTokens(stack.auth().hmacSecret());
        this.permissions = new KvReader(stack);
    }

    public String token(String user) {
        return tokens.issue(user, false, Duration.ofHours(1));
    }

    public String adminToken(String user) {
        return tokens.issue(user, true, Duration.ofHours(1));
    }

    /** A fresh id, unique per test run, so tests never see each other's data. */
    public static String id(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 12);
    }

    /** A request to {@code url} of the command service ({@link #command}) or the query service ({@link #query}). */
    public Response send(String method, String url, String token, String body) {
        return send(method, url, token, body, null, null);
    }

    /** As {@link #send(String, String, String, String)}, with another content type and an idempotency key (null: none). */
    public Response send(
            String method, String url, String token, String body, String contentType, String idempotencyKey) {
        Map<String, String> headers = new LinkedHashMap<>();
        if (contentType != null) {
            headers.put("Content-Type", contentType);
        }
        if (idempotencyKey != null) {
            headers.put("Idempotency-Key", idempotencyKey);
        }
        if (url.startsWith(command)) {
            return client.raw(
                    ChorusClient.Service.COMMAND, method, url.substring(command.length()), token, body, headers);
        }
        if (url.startsWith(query)) {
            return client.raw(ChorusClient.Service.QUERY, method, url.substring(query.length()), token, body, headers);
        }
        throw new IllegalArgumentException("not a URL of the command or query service: " + url);
    }

    /** A request to the command service. */
    public Response post(String path, String token, String body) {
        return send("POST", command + path, token, body);
    }

    /** A read of the query service. */
    public Response get(String path, String token) {
        return send("GET", query + path, token, null);
    }

    public Response createChannel(String owner, String channelId, String kind, String... members) {
        String list = members.length == 0 ? "[]" : "[\"" + String.join("\",\"", members) + "\"]";
        return post(
                "/v1/channels",
                token(owner),
                "{\"channelId\":\"" + channelId + "\",\"name\":\"" + channelId + "\",\"kind\":\"" + kind
                        + "\",\"members\":" + list + "}");
    }

    public Response sendMessage(String user, String channelId, String clientMsgId, String text) {
        return post(
                "/v1/channels/" + channelId + "/messages",
                token(user),
                "{\"clientMsgId\":\"" + clientMsgId + "\",\"text\":\"" + text + "\"}");
    }

    /** Polls until the supplier's answer satisfies the condition, or fails after the deadline. */
    public static <T> T eventually(Duration deadline, Supplier<T> read, Predicate<T> condition) {
        return Poll.until(deadline, read, condition);
    }

    /**
     * Waits until the query side lists the channel with {@code memberCount} members AND the command side can see
     * it: the meta-writer writes MongoDB first and the {@code permissions} KV after, so a command sent as soon as
     * the query side answers could still find no channel.
     */
    public JsonNode awaitChannel(String channelId, String asUser, long memberCount) {
        JsonNode channel = eventually(
                        Duration.ofSeconds(20),
                        () -> get("/v1/channels/" + channelId, adminToken(asUser)),
                        a -> a.status() == 200 && a.json().path("memberCount").asLong() == memberCount)
                .json();
        eventually(
                Duration.ofSeconds(20),
                () -> permissions.get(PermissionsBucket.channelKey(channelId)) != null,
                present -> present);
        return channel;
    }
}
