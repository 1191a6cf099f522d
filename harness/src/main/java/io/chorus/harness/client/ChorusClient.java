package io.chorus.harness.client;

import io.chorus.harness.stack.StackDescription;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * The harness's client of Chorus's public REST API ({@code docs/openapi/command.json} and {@code query.json}): one
 * method per endpoint, commands sent to the command service and reads to the query service, both found in the
 * stack's description. Every call carries the caller's bearer token ({@code null}: none, to test the 401).
 *
 * <p>Contract of every typed method: it answers the decoded body of a 2xx, or throws {@link ApiException} with the
 * status, the error code and message of the JSON error shape and the {@code Retry-After}. A 429 is first waited out
 * by the client's one {@link RateLimitWait} (the policy it was built with), so an {@link ApiException} with status
 * 429 means the patience ran out. A transport failure (refused connection, timeout) is an
 * {@link java.io.UncheckedIOException} naming the request. Calls are safe from many threads at once.
 *
 * <p>{@link #raw} sends any request, well-formed or not, through the same transport and 429 policy, and returns the
 * answer whatever its status: for tests of validation and error shapes, and for what the typed methods do not
 * model (an {@code Idempotency-Key}, an unknown parameter).
 */
public interface ChorusClient {

    /** Which service a raw request goes to. */
    enum Service {
        COMMAND,
        QUERY
    }

    /** A client of the stack's services that waits out 429s for up to 30 s per call. */
    static ChorusClient of(StackDescription stack) {
        return new HttpChorusClient(
                stack.services().command().url(),
                stack.services().query().url(),
                RateLimitWait.within(Duration.ofSeconds(30)),
                Duration.ofSeconds(60));
    }

    /** A client of the services at these base URLs, with this 429 policy. */
    static ChorusClient at(String commandUrl, String queryUrl, RateLimitWait wait) {
        return new HttpChorusClient(commandUrl, queryUrl, wait, Duration.ofSeconds(60));
    }

    /** A client of the same services with another 429 policy ({@link RateLimitWait#NONE}: every 429 is answered). */
    ChorusClient withRateLimitWait(RateLimitWait wait);

    /** A client of the same services whose requests may take up to {@code timeout} (60 s unless set). */
    ChorusClient withTimeout(Duration timeout);

    // ---- commands (command service) ----

    /** {@code POST /v1/channels}. */
    Accepted createChannel(String bearer, NewChannel channel);

    /** {@code POST /v1/channels} with an {@code Idempotency-Key} (a retried create answers the same channel). */
    Accepted createChannel(String bearer, NewChannel channel, String idempotencyKey);

    /** {@code PATCH /v1/channels/{id}}: a null {@code name} or {@code topic} is left as it is. */
    Accepted updateChannel(String bearer, String channelId, String name, String topic);

    /** {@code POST /v1/channels/{id}/members} with {@code role} {@code member}, {@code admin} or {@code owner}. */
    Accepted addMembers(String bearer, String channelId, List<String> userIds, String role);

    /** {@code DELETE /v1/channels/{id}/members/{userId}}. */
    Accepted removeMember(String bearer, String channelId, String userId);

    /** {@code PUT /v1/users/me}. */
    Accepted updateProfile(String bearer, String displayName);

    /** {@code POST /v1/channels/{id}/messages}: {@code clientMsgId} is the send's idempotency key. */
    Accepted sendMessage(String bearer, String channelId, String clientMsgId, String text);

    /** {@code PATCH /v1/channels/{id}/messages/{messageId}}. */
    Accepted editMessage(String bearer, String channelId, String messageId, String text);

    /** {@code DELETE /v1/channels/{id}/messages/{messageId}}. */
    Accepted deleteMessage(String bearer, String channelId, String messageId);

    /** {@code POST /v1/channels/{id}/messages/{messageId}/reactions}. */
    Accepted addReaction(String bearer, String channelId, String messageId, String emoji);

    /** {@code DELETE /v1/channels/{id}/messages/{messageId}/reactions/{emoji}}. */
    Accepted removeReaction(String bearer, String channelId, String messageId, String emoji);

    /** {@code POST /v1/channels/{id}/typing}. */
    Accepted typing(String bearer, String channelId);

    /** {@code POST /v1/channels/{id}/read}: the caller has read the channel up to {@code lastReadMessageId}. */
    Accepted markRead(String bearer, String channelId, String lastReadMessageId);

    /** {@code POST /v1/admin/import}: NDJSON lines, an admin's token. */
    ImportResult bulkImport(String bearer, byte[] ndjson);

    // ---- reads (query service) ----

    /** {@code GET /v1/channels/{id}}. */
    Channel channel(String bearer, String channelId);

    /** {@code GET /v1/channels/{id}/members}; {@code cursor} null for the first page, {@code limit} null for the default. */
    Page<Member> members(String bearer, String channelId, String cursor, Integer limit);

    /** {@code GET /v1/users/me/channels}. */
    Page<MyChannel> myChannels(String bearer, String cursor, Integer limit);

    /** {@code GET /v1/channels/{id}/messages}. */
    HistoryPage history(String bearer, String channelId, HistoryQuery page);

    /** {@code GET /v1/search}. */
    SearchPage search(String bearer, SearchQuery query);

    /** {@code GET /v1/users/presence?ids=...}: one entry per distinct id, in the order asked. */
    List<UserPresence> presence(String bearer, List<String> userIds);

    // ---- anything ----

    /**
     * Sends {@code method} to {@code pathAndQuery} (sent as given, not encoded) of {@code service} with the bearer
     * (if any), the extra headers, and {@code body} as JSON (none when null); the answer whatever its status.
     */
    Response raw(
            Service service,
            String method,
            String pathAndQuery,
            String bearer,
            String body,
            Map<String, String> headers);

    /** {@link #raw} without extra headers. */
    default Response raw(Service service, String method, String pathAndQuery, String bearer, String body) {
        return raw(service, method, pathAndQuery, bearer, body, Map.of());
    }
}
