package io.chorus.it.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.chorus.harness.Poll;
import io.chorus.harness.search.SearchFixture;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;

/**
 * The message ITs' steps through the real command service (channels, sends, edits, deletes), each checked for its
 * 202, and the waits that make a later read meaningful: a role applied, an event written by a consumer.
 */
final class MessageSteps {
    static final Duration APPLIED_WITHIN = Duration.ofSeconds(60);
    static final String MESSAGE_WRITER = "message-writer";
    static final String SEARCH_INDEXER = "search-indexer";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final SearchFixture fixture;

    MessageSteps(SearchFixture fixture) {
        this.fixture = fixture;
    }

    /** An accepted message command: the message it names and its event's place in {@code MESSAGES}. */
    record Accepted(UUID messageId, long seq) {
    }

    /** Creates a private channel owned by {@code owner} and waits until every member's role is applied. */
    void channel(String owner, String channelId, String... members) {
        String list = members.length == 0 ? "[]" : "[\"" + String.join("\",\"", members) + "\"]";
        accepted("POST", "/v1/channels", owner, "{\"channelId\":\"" + channelId + "\",\"name\":\"" + channelId
                + "\",\"kind\":\"private\",\"members\":" + list + "}");
        Poll.until("roles applied in " + channelId, APPLIED_WITHIN, () -> fixture.hasRole(channelId, owner)
                && java.util.Arrays.stream(members).allMatch(m -> fixture.hasRole(channelId, m)));
    }

    Accepted send(String user, String channelId, String text) {
        return accepted("POST", "/v1/channels/" + channelId + "/messages", user,
                "{\"clientMsgId\":\"" + UUID.randomUUID() + "\",\"text\":\"" + text + "\"}");
    }

    Accepted edit(String user, String channelId, UUID messageId, String text) {
        return accepted("PATCH", "/v1/channels/" + channelId + "/messages/" + messageId, user,
                "{\"text\":\"" + text + "\"}");
    }

    Accepted delete(String user, String channelId, UUID messageId) {
        return accepted("DELETE", "/v1/channels/" + channelId + "/messages/" + messageId, user, null);
    }

    /** Waits until both the message writer and the search indexer have written every event up to {@code seq}. */
    void awaitWritten(long seq) {
        fixture.awaitAcked(MESSAGE_WRITER, seq, APPLIED_WITHIN);
        fixture.awaitAcked(SEARCH_INDEXER, seq, APPLIED_WITHIN);
    }

    /** Waits until {@code user}'s search for {@code word} finds exactly {@code messageId}. */
    void awaitSearchable(String user, String word, UUID messageId) {
        Poll.until(() -> messageId + " searchable by " + user + ": " + fixture.search(user, Map.of("q", word)).body(),
                APPLIED_WITHIN, () -> fixture.search(user, Map.of("q", word)).messageIds()
                        .equals(java.util.List.of(messageId.toString())));
    }

    /** The channel's history as {@code user} sees it (newest first), one page of {@code limit}. */
    JsonNode history(String user, String channelId, int limit) {
        SearchFixture.Answer page = fixture.query("/v1/channels/" + channelId + "/messages?limit=" + limit, user);
        assertThat(page.status()).as("history of %s: %s", channelId, page.body()).isEqualTo(200);
        return page.body();
    }

    private Accepted accepted(String method, String path, String user, String body) {
        HttpResponse<String> response = fixture.command(method, path, user, body);
        assertThat(response.statusCode()).as("%s %s as %s: %s", method, path, user, response.body()).isEqualTo(202);
        try {
            JsonNode json = JSON.readTree(response.body());
            String id = json.path("messageId").asText(null);
            return new Accepted(id == null ? null : UUID.fromString(id), json.path("seq").asLong());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
