package io.chorus.it.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.chorus.harness.Poll;
import io.chorus.harness.client.ApiException;
import io.chorus.harness.client.ChorusClient;
import io.chorus.harness.client.NewChannel;
import io.chorus.harness.search.SearchFixture;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * The message ITs' steps through the real command service (channels, sends, edits, deletes), each checked for its
 * 202, and the waits that make a later read meaningful: a role applied, an event written by a consumer.
 */
final class MessageSteps {
    static final Duration APPLIED_WITHIN = Duration.ofSeconds(60);
    static final String MESSAGE_WRITER = "message-writer";
    static final String SEARCH_INDEXER = "search-indexer";

    private final SearchFixture fixture;
    private final ChorusClient client;

    MessageSteps(SearchFixture fixture) {
        this.fixture = fixture;
        this.client = fixture.client();
    }

    /** An accepted message command: the message it names and its event's place in {@code MESSAGES}. */
    record Accepted(UUID messageId, long seq) {}

    /** Creates a private channel owned by {@code owner} and waits until every member's role is applied. */
    void channel(String owner, String channelId, String... members) {
        accepted(
                "create " + channelId + " as " + owner,
                () -> client.createChannel(
                        fixture.token(owner), NewChannel.named(channelId, "private", List.of(members))));
        Poll.until(
                "roles applied in " + channelId,
                APPLIED_WITHIN,
                () -> fixture.hasRole(channelId, owner)
                        && java.util.Arrays.stream(members).allMatch(m -> fixture.hasRole(channelId, m)));
    }

    Accepted send(String user, String channelId, String text) {
        return accepted(
                "send to " + channelId + " as " + user,
                () -> client.sendMessage(
                        fixture.token(user), channelId, UUID.randomUUID().toString(), text));
    }

    Accepted edit(String user, String channelId, UUID messageId, String text) {
        return accepted(
                "edit " + messageId + " as " + user,
                () -> client.editMessage(fixture.token(user), channelId, messageId.toString(), text));
    }

    Accepted delete(String user, String channelId, UUID messageId) {
        return accepted(
                "delete " + messageId + " as " + user,
                () -> client.deleteMessage(fixture.token(user), channelId, messageId.toString()));
    }

    /** Waits until both the message writer and the search indexer have written every event up to {@code seq}. */
    void awaitWritten(long seq) {
        fixture.awaitAcked(MESSAGE_WRITER, seq, APPLIED_WITHIN);
        fixture.awaitAcked(SEARCH_INDEXER, seq, APPLIED_WITHIN);
    }

    /** Waits until {@code user}'s search for {@code word} finds exactly {@code messageId}. */
    void awaitSearchable(String user, String word, UUID messageId) {
        Poll.until(
                () -> messageId + " searchable by " + user + ": "
                        + fixture.search(user, Map.of("q", word)).body(),
                APPLIED_WITHIN,
                () -> fixture.search(user, Map.of("q", word))
                        .messageIds()
                        .equals(java.util.List.of(messageId.toString())));
    }

    /** The channel's history as {@code user} sees it (newest first), one page of {@code limit}. */
    JsonNode history(String user, String channelId, int limit) {
        SearchFixture.Answer page = fixture.query("/v1/channels/" + channelId + "/messages?limit=" + limit, user);
        assertThat(page.status())
                .as("history of %s: %s", channelId, page.body())
                .isEqualTo(200);
        return page.body();
    }

    /** The command's 202, or the test fails with what the service answered instead. */
    private static Accepted accepted(String what, Supplier<io.chorus.harness.client.Accepted> command) {
        try {
            io.chorus.harness.client.Accepted accepted = command.get();
            String id = accepted.messageId();
            return new Accepted(id == null ? null : UUID.fromString(id), accepted.seq() == null ? 0 : accepted.seq());
        } catch (ApiException refused) {
            throw new AssertionError(what + ": expected 202, got " + refused.response(), refused);
        }
    }
}
