package io.chorus.harness.client;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/** {@link ChorusClient} over the JDK's HTTP client: one connection pool for all calls of all threads. */
final class HttpChorusClient implements ChorusClient {
    static final ObjectMapper JSON = JsonMapper.builder()
            .addModule(new JavaTimeModule())
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();
    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final String APPLICATION_JSON = "application/json";

    private final String command;
    private final String query;
    private final RateLimitWait rateLimitWait;
    private final Duration timeout;

    HttpChorusClient(String commandUrl, String queryUrl, RateLimitWait rateLimitWait, Duration timeout) {
        this.command = commandUrl;
        this.query = queryUrl;
        this.rateLimitWait = rateLimitWait;
        this.timeout = timeout;
    }

    @Override
    public ChorusClient withRateLimitWait(RateLimitWait wait) {
        return new HttpChorusClient(command, query, wait, timeout);
    }

    @Override
    public ChorusClient withTimeout(Duration requestTimeout) {
        return new HttpChorusClient(command, query, rateLimitWait, requestTimeout);
    }

    @Override
    public Accepted createChannel(String bearer, NewChannel channel) {
        return createChannel(bearer, channel, null);
    }

    @Override
    public Accepted createChannel(String bearer, NewChannel channel, String idempotencyKey) {
        Map<String, String> headers = idempotencyKey == null ? Map.of() : Map.of("Idempotency-Key", idempotencyKey);
        return accepted(raw(Service.COMMAND, "POST", "/v1/channels", bearer, json(channel), headers));
    }

    @Override
    public Accepted updateChannel(String bearer, String channelId, String name, String topic) {
        ObjectNode body = JSON.createObjectNode();
        if (name != null) {
            body.put("name", name);
        }
        if (topic != null) {
            body.put("topic", topic);
        }
        return command("PATCH", "/v1/channels/" + segment(channelId), bearer, body.toString());
    }

    @Override
    public Accepted addMembers(String bearer, String channelId, List<String> userIds, String role) {
        ObjectNode body = JSON.createObjectNode();
        body.set("userIds", JSON.valueToTree(userIds));
        if (role != null) {
            body.put("role", role);
        }
        return command("POST", "/v1/channels/" + segment(channelId) + "/members", bearer, body.toString());
    }

    @Override
    public Accepted removeMember(String bearer, String channelId, String userId) {
        return command("DELETE", "/v1/channels/" + segment(channelId) + "/members/" + segment(userId), bearer, null);
    }

    @Override
    public Accepted updateProfile(String bearer, String displayName) {
        return command(
                "PUT",
                "/v1/users/me",
                bearer,
                JSON.createObjectNode().put("displayName", displayName).toString());
    }

    @Override
    public Accepted sendMessage(String bearer, String channelId, String clientMsgId, String text) {
        return command(
                "POST",
                "/v1/channels/" + segment(channelId) + "/messages",
                bearer,
                JSON.createObjectNode()
                        .put("clientMsgId", clientMsgId)
                        .put("text", text)
                        .toString());
    }

    @Override
    public Accepted editMessage(String bearer, String channelId, String messageId, String text) {
        return command(
                "PATCH",
                message(channelId, messageId),
                bearer,
                JSON.createObjectNode().put("text", text).toString());
    }

    @Override
    public Accepted deleteMessage(String bearer, String channelId, String messageId) {
        return command("DELETE", message(channelId, messageId), bearer, null);
    }

    @Override
    public Accepted addReaction(String bearer, String channelId, String messageId, String emoji) {
        return command(
                "POST",
                message(channelId, messageId) + "/reactions",
                bearer,
                JSON.createObjectNode().put("emoji", emoji).toString());
    }

    @Override
    public Accepted markRead(String bearer, String channelId, String lastReadMessageId) {
        return command(
                "POST",
                "/v1/channels/" + segment(channelId) + "/read",
                bearer,
                JSON.createObjectNode()
                        .put("lastReadMessageId", lastReadMessageId)
                        .toString());
    }

    @Override
    public Accepted removeReaction(String bearer, String channelId, String messageId, String emoji) {
        return command("DELETE", message(channelId, messageId) + "/reactions/" + segment(emoji), bearer, null);
    }

    @Override
    public Accepted typing(String bearer, String channelId) {
        return command("POST", "/v1/channels/" + segment(channelId) + "/typing", bearer, null);
    }

    @Override
    public ImportResult bulkImport(String bearer, byte[] ndjson) {
        Response answer = rateLimitWait.send(() -> send(
                command,
                "POST",
                "/v1/admin/import",
                bearer,
                HttpRequest.BodyPublishers.ofByteArray(ndjson),
                "application/x-ndjson",
                Map.of()));
        return decode(answer, new TypeReference<ImportResult>() {});
    }

    @Override
    public Channel channel(String bearer, String channelId) {
        return read("/v1/channels/" + segment(channelId), Map.of(), bearer, new TypeReference<Channel>() {});
    }

    @Override
    public Page<Member> members(String bearer, String channelId, String cursor, Integer limit) {
        return read(
                "/v1/channels/" + segment(channelId) + "/members",
                pageParameters(cursor, limit),
                bearer,
                new TypeReference<Page<Member>>() {});
    }

    @Override
    public Page<MyChannel> myChannels(String bearer, String cursor, Integer limit) {
        return read(
                "/v1/users/me/channels",
                pageParameters(cursor, limit),
                bearer,
                new TypeReference<Page<MyChannel>>() {});
    }

    @Override
    public HistoryPage history(String bearer, String channelId, HistoryQuery page) {
        return read(
                "/v1/channels/" + segment(channelId) + "/messages",
                page.parameters(),
                bearer,
                new TypeReference<HistoryPage>() {});
    }

    @Override
    public List<UserPresence> presence(String bearer, List<String> userIds) {
        return read(
                        "/v1/users/presence",
                        Map.of("ids", String.join(",", userIds)),
                        bearer,
                        new TypeReference<UserPresence.Page>() {})
                .users();
    }

    @Override
    public SearchPage search(String bearer, SearchQuery search) {
        return read("/v1/search", search.parameters(), bearer, new TypeReference<SearchPage>() {});
    }

    @Override
    public Response raw(
            Service service,
            String method,
            String pathAndQuery,
            String bearer,
            String body,
            Map<String, String> headers) {
        String base = service == Service.COMMAND ? command : query;
        HttpRequest.BodyPublisher publisher = body == null
                ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8);
        return rateLimitWait.send(() ->
                send(base, method, pathAndQuery, bearer, publisher, body == null ? null : APPLICATION_JSON, headers));
    }

    /** A query string of {@code parameters} (each value encoded), with its {@code ?}; empty when there are none. */
    static String queryString(Map<String, String> parameters) {
        return parameters.isEmpty()
                ? ""
                : parameters.entrySet().stream()
                        .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                        .collect(Collectors.joining("&", "?", ""));
    }

    /** One path segment, percent-encoded (a space as {@code %20}, not {@code +}). */
    static String segment(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private static String message(String channelId, String messageId) {
        return "/v1/channels/" + segment(channelId) + "/messages/" + segment(messageId);
    }

    private static Map<String, String> pageParameters(String cursor, Integer limit) {
        Map<String, String> p = new LinkedHashMap<>();
        if (cursor != null) {
            p.put("cursor", cursor);
        }
        if (limit != null) {
            p.put("limit", limit.toString());
        }
        return p;
    }

    private Accepted command(String method, String path, String bearer, String body) {
        return accepted(raw(Service.COMMAND, method, path, bearer, body, Map.of()));
    }

    private <T> T read(String path, Map<String, String> parameters, String bearer, TypeReference<T> type) {
        return decode(raw(Service.QUERY, "GET", path + queryString(parameters), bearer, null, Map.of()), type);
    }

    private static Accepted accepted(Response answer) {
        return decode(answer, new TypeReference<Accepted>() {});
    }

    private static <T> T decode(Response answer, TypeReference<T> type) {
        if (!answer.ok()) {
            throw answer.error();
        }
        try {
            return JSON.readValue(answer.body(), type);
        } catch (IOException e) {
            throw new IllegalStateException("an answer the API documents differently: " + answer, e);
        }
    }

    private static String json(Object body) {
        try {
            return JSON.writeValueAsString(body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Response send(
            String base,
            String method,
            String pathAndQuery,
            String bearer,
            HttpRequest.BodyPublisher body,
            String contentType,
            Map<String, String> headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + pathAndQuery))
                .timeout(timeout)
                .method(method, body);
        if (contentType != null && headers.keySet().stream().noneMatch("Content-Type"::equalsIgnoreCase)) {
            request.header("Content-Type", contentType);
        }
        if (bearer != null) {
            request.header("Authorization", "Bearer " + bearer);
        }
        headers.forEach(request::header);
        try {
            HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
            Map<String, String> names = new LinkedHashMap<>();
            response.headers().map().forEach((k, v) -> names.put(k.toLowerCase(Locale.ROOT), String.join(",", v)));
            return new Response(response.statusCode(), names, response.body(), parse(response.body()));
        } catch (IOException e) {
            throw new UncheckedIOException(method + " " + base + pathAndQuery + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted: " + method + " " + base + pathAndQuery, e);
        }
    }

    private static JsonNode parse(String body) {
        try {
            return body == null || body.isBlank() ? null : JSON.readTree(body);
        } catch (IOException notJson) {
            return null;
        }
    }
}
