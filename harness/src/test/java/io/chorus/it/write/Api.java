package io.chorus.it.write;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.chorus.common.auth.DevelopmentTokens;
import io.chorus.common.nats.PermissionsBucket;
import io.chorus.harness.stack.StackDescription;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import java.util.function.Predicate;
import java.util.function.Supplier;

/** A small REST client of the command and query services for the write-side ITs. */
public final class Api {
    public static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    final String command;
    final String query;
    private final DevelopmentTokens tokens;
    private final KvReader permissions;

    public Api(StackDescription stack) {
        this.command = stack.services().command().url();
        this.query = stack.services().query().url();
        this.tokens = new DevelopmentTokens(stack.auth().hmacSecret());
        this.permissions = new KvReader(stack);
    }

    /** An answer: status, headers and the body parsed as JSON (null when empty or not JSON). */
    public record Answer(int status, HttpResponse<String> raw, JsonNode json) {
        public String code() {
            return json == null ? null : json.path("error").path("code").asText(null);
        }

        @Override
        public String toString() {
            return status + " " + raw.body();
        }
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

    public Answer send(String method, String url, String token, String body) {
        return send(method, url, token, body, "application/json", null);
    }

    public Answer send(String method, String url, String token, String body, String contentType, String idempotencyKey) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(60))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            request.header("Content-Type", contentType);
        }
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        if (idempotencyKey != null) {
            request.header("Idempotency-Key", idempotencyKey);
        }
        try {
            HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
            JsonNode json = null;
            try {
                json = response.body().isBlank() ? null : JSON.readTree(response.body());
            } catch (IOException notJson) {
                json = null;
            }
            return new Answer(response.statusCode(), response, json);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public Answer post(String path, String token, String body) {
        return send("POST", command + path, token, body);
    }

    public Answer get(String path, String token) {
        return send("GET", query + path, token, null);
    }

    public Answer createChannel(String owner, String channelId, String kind, String... members) {
        String list = members.length == 0 ? "[]" : "[\"" + String.join("\",\"", members) + "\"]";
        return post("/v1/channels", token(owner), "{\"channelId\":\"" + channelId + "\",\"name\":\"" + channelId
                + "\",\"kind\":\"" + kind + "\",\"members\":" + list + "}");
    }

    public Answer sendMessage(String user, String channelId, String clientMsgId, String text) {
        return post("/v1/channels/" + channelId + "/messages", token(user),
                "{\"clientMsgId\":\"" + clientMsgId + "\",\"text\":\"" + text + "\"}");
    }

    /** Polls until the supplier's answer satisfies the condition, or fails after the deadline. */
    public static <T> T eventually(Duration deadline, Supplier<T> read, Predicate<T> condition) {
        Instant end = Instant.now().plus(deadline);
        T last = null;
        while (Instant.now().isBefore(end)) {
            last = read.get();
            if (condition.test(last)) {
                return last;
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        throw new AssertionError("condition not met within " + deadline + "; last value: " + last);
    }

    /** Until the query service sees the channel with a member count (the meta writer applied the events). */
    /**
     * Waits until the query side lists the channel with {@code memberCount} members AND the command side can see
     * it: the meta-writer writes MongoDB first and the {@code permissions} KV after, so a command sent as soon as
     * the query side answers could still find no channel.
     */
    public JsonNode awaitChannel(String channelId, String asUser, long memberCount) {
        JsonNode channel = eventually(Duration.ofSeconds(20), () -> get("/v1/channels/" + channelId,
                adminToken(asUser)), a -> a.status() == 200 && a.json().path("memberCount").asLong() == memberCount)
                .json();
        eventually(Duration.ofSeconds(20), () -> permissions.get(PermissionsBucket.channelKey(channelId)) != null,
                present -> present);
        return channel;
    }
}
