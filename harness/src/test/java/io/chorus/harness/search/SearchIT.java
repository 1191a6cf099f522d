package io.chorus.harness.search;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import eu.rekawek.toxiproxy.Proxy;
import eu.rekawek.toxiproxy.ToxiproxyClient;
import io.chorus.common.events.EventEnvelope;
import io.chorus.common.events.Subjects;
import io.chorus.harness.search.SearchFixture.Answer;
import io.chorus.harness.search.SearchFixture.Published;
import io.chorus.harness.stack.LocalStackExtension;
import io.chorus.harness.stack.StackDescription;
import io.nats.client.JetStreamManagement;
import io.nats.client.api.ConsumerInfo;
import io.nats.client.api.MessageInfo;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The search path end to end on the real stack: events published to {@code MESSAGES} are indexed by the
 * search-indexer pool into Elasticsearch and found through {@code GET /v1/search} of the query service, only by
 * members of their channel.
 */
@Order(50)
@ExtendWith(LocalStackExtension.class)
class SearchIT {
    private static final Duration INDEXED_WITHIN = Duration.ofSeconds(30);
    private static final String PROXY = "search-indexer->elasticsearch";
    private static final ObjectMapper JSON = new ObjectMapper();

    private static SearchFixture fixture;
    private static StackDescription stack;
    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    static void connect(StackDescription description) {
        stack = description;
        fixture = new SearchFixture(description);
    }

    @AfterAll
    static void close() {
        if (fixture != null) {
            fixture.close();
        }
    }

    @Test
    void aMessageIsSearchableThenReindexedOnEditThenGoneOnDelete() {
        String channel = SearchFixture.unique("c");
        String alice = SearchFixture.unique("u");
        fixture.addMembers(channel, alice);
        String word = SearchFixture.unique("w");

        UUID id = fixture.publishCreated(channel, alice, "the quick brown fox says " + word)
                .id();
        JsonNode hit = awaitHit(alice, word, id);
        assertThat(hit.path("channelId").asText()).isEqualTo(channel);
        assertThat(hit.path("authorId").asText()).isEqualTo(alice);
        assertThat(hit.path("text").asText()).isEqualTo("the quick brown fox says " + word);
        assertThat(hit.path("highlights").toString()).contains("<em>" + word + "</em>");
        assertThat(hit.has("editedAt")).isFalse();

        String newWord = SearchFixture.unique("w");
        fixture.publishEdited(channel, alice, id, "an edited message with " + newWord);
        JsonNode edited = awaitHit(alice, newWord, id);
        assertThat(edited.path("text").asText()).isEqualTo("an edited message with " + newWord);
        assertThat(edited.path("editedAt").asText()).isNotEmpty();
        assertThat(edited.path("createdAt").asText())
                .isEqualTo(hit.path("createdAt").asText());
        assertThat(fixture.search(alice, Map.of("q", word)).messageIds()).doesNotContain(id.toString());

        Published deleted = fixture.publishDeleted(channel, alice, id);
        await(
                "the deleted message is gone",
                () -> fixture.search(alice, Map.of("q", newWord)).messageIds().isEmpty());
        awaitIndexerPast(deleted.sequence());
        await("the deleted document's text is out of the index", () -> countIndexed(List.of(id.toString())) == 0);
    }

    @Test
    void theSameEventTwiceIsIndexedOnceAndAnOlderEventNeverOverwritesANewerOne() {
        String channel = SearchFixture.unique("c");
        String bob = SearchFixture.unique("u");
        fixture.addMembers(channel, bob);
        String word = SearchFixture.unique("w");
        EventEnvelope created = SearchFixture.created(channel, bob, "posted twice " + word);

        fixture.publish(created);
        Published again = fixture.publishAgain(created);
        awaitIndexerPast(again.sequence());
        await(
                "the message is searchable",
                () -> countIndexed(List.of(created.id().toString())) >= 1);
        assertThat(countIndexed(List.of(created.id().toString()))).isEqualTo(1);
        assertThat(fixture.search(bob, Map.of("q", word)).messageIds())
                .containsExactly(created.id().toString());

        // the edit (a newer stream sequence) replaces the whole document
        String edited = SearchFixture.unique("w");
        fixture.publishEdited(channel, bob, created.id(), "edited " + edited);
        awaitHit(bob, edited, created.id());
        assertThat(fixture.search(bob, Map.of("q", edited)).messageIds())
                .containsExactly(created.id().toString());
        assertThat(fixture.search(bob, Map.of("q", word)).messageIds()).isEmpty();
    }

    @Test
    void aNonMemberNeverSeesAHit() {
        String open = SearchFixture.unique("c");
        String secret = SearchFixture.unique("c");
        String alice = SearchFixture.unique("u");
        String bob = SearchFixture.unique("u");
        String carol = SearchFixture.unique("u");
        fixture.addMembers(open, alice, bob);
        fixture.addMembers(secret, bob);
        String word = SearchFixture.unique("w");
        String inOpen =
                fixture.publishCreated(open, alice, "plans for " + word).id().toString();
        String inSecret = fixture.publishCreated(secret, bob, "secret plans for " + word)
                .id()
                .toString();

        await(
                "bob sees both messages",
                () -> fixture.search(bob, Map.of("q", word)).messageIds().size() == 2);
        assertThat(fixture.search(bob, Map.of("q", word)).messageIds()).containsExactlyInAnyOrder(inOpen, inSecret);
        assertThat(fixture.search(alice, Map.of("q", word)).messageIds()).containsExactly(inOpen);
        assertThat(fixture.search(alice, Map.of("q", word, "channelId", open)).messageIds())
                .containsExactly(inOpen);
        assertThat(fixture.search(carol, Map.of("q", word)).messageIds()).isEmpty();

        Answer denied = fixture.search(alice, Map.of("q", word, "channelId", secret));
        assertThat(denied.status()).isEqualTo(403);
        assertThat(denied.body().at("/error/code").asText()).isEqualTo("not_a_member");
        assertThat(denied.body().toString()).doesNotContain(inSecret);

        assertThat(fixture.searchWithToken(null, Map.of("q", word)).status()).isEqualTo(401);
        assertThat(fixture.searchWithToken("not-a-token", Map.of("q", word)).status())
                .isEqualTo(401);

        fixture.removeMember(secret, bob);
        assertThat(fixture.search(bob, Map.of("q", word)).messageIds()).containsExactly(inOpen);
        assertThat(fixture.search(bob, Map.of("q", word, "channelId", secret)).status())
                .isEqualTo(403);
    }

    @Test
    void aMemberOfMoreChannelsThanAFilterHoldsStillSeesOnlyTheirChannels() {
        String heavy = SearchFixture.unique("u");
        String theirs = SearchFixture.unique("c");
        String notTheirs = SearchFixture.unique("c");
        String other = SearchFixture.unique("u");
        List<String> many = new ArrayList<>();
        for (int i = 0; i < 1200; i++) {
            many.add(SearchFixture.unique("c"));
        }
        many.add(theirs);
        fixture.addMemberships(heavy, many);
        fixture.addMembers(notTheirs, other);
        String word = SearchFixture.unique("w");
        String mine =
                fixture.publishCreated(theirs, heavy, "roadmap " + word).id().toString();
        String hidden = fixture.publishCreated(notTheirs, other, "hidden roadmap " + word)
                .id()
                .toString();

        await("both messages are searchable", () -> countIndexed(List.of(mine, hidden)) == 2);
        assertThat(fixture.search(other, Map.of("q", word)).messageIds()).containsExactly(hidden);
        assertThat(fixture.search(heavy, Map.of("q", word)).messageIds()).containsExactly(mine);
        assertThat(fixture.search(heavy, Map.of("q", "roadmap " + word, "limit", "1"))
                        .messageIds())
                .containsExactly(mine);
    }

    @Test
    void pagesWithACursorVisitEveryHitOnce() {
        String channel = SearchFixture.unique("c");
        String dana = SearchFixture.unique("u");
        fixture.addMembers(channel, dana);
        String word = SearchFixture.unique("w");
        Set<String> published = new HashSet<>();
        long last = 0;
        for (int i = 0; i < 7; i++) {
            Published p = fixture.publishCreated(channel, dana, "message " + i + " about " + word);
            published.add(p.id().toString());
            last = p.sequence();
        }
        awaitIndexerPast(last);
        await("all seven searchable", () -> countIndexed(List.copyOf(published)) == 7);

        List<String> seen = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            Map<String, String> params = new LinkedHashMap<>(Map.of("q", word, "limit", "3"));
            if (cursor != null) {
                params.put("cursor", cursor);
            }
            Answer page = fixture.search(dana, params);
            assertThat(page.status()).isEqualTo(200);
            seen.addAll(page.messageIds());
            cursor = page.body().path("nextCursor").isTextual()
                    ? page.body().path("nextCursor").asText()
                    : null;
            pages++;
        } while (cursor != null && pages < 10);

        assertThat(seen).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(published);
        assertThat(pages).isBetween(3, 4);
    }

    @Test
    void badSearchRequestsAreClear4xxAnswers() {
        String user = SearchFixture.unique("u");
        assertError(fixture.search(user, Map.of()), 400, "invalid_request");
        assertError(fixture.search(user, Map.of("q", "x", "limit", "0")), 400, "invalid_request");
        assertError(fixture.search(user, Map.of("q", "x", "limit", "1000")), 400, "invalid_request");
        assertError(fixture.search(user, Map.of("q", "x", "from", "last tuesday")), 400, "invalid_request");
        assertError(fixture.search(user, Map.of("q", "x", "channelId", "a.b")), 400, "invalid_request");
        assertError(fixture.search(user, Map.of("q", "x", "cursor", "garbage")), 400, "invalid_cursor");
    }

    @Test
    void aPoisonEventIsDeadLetteredAndDoesNotStallTheIndexer() throws Exception {
        String channel = SearchFixture.unique("c");
        String erin = SearchFixture.unique("u");
        fixture.addMembers(channel, erin);
        Published poison = fixture.publishRaw(channel, "{this is not an event".getBytes(UTF_8));
        String word = SearchFixture.unique("w");
        UUID after = fixture.publishCreated(channel, erin, "after the poison " + word)
                .id();

        awaitHit(erin, word, after);
        JetStreamManagement jsm = fixture.nats().jetStreamManagement();
        await("the poison event is in the dead-letter stream", () -> {
            try {
                MessageInfo last =
                        jsm.getLastMessage(Subjects.DEAD_LETTER_STREAM, Subjects.deadLetter("search-indexer"));
                return Long.toString(poison.sequence()).equals(last.getHeaders().getFirst("Chorus-Dlq-Sequence"));
            } catch (Exception e) {
                return false;
            }
        });
        MessageInfo letter = jsm.getLastMessage(Subjects.DEAD_LETTER_STREAM, Subjects.deadLetter("search-indexer"));
        assertThat(new String(letter.getData(), UTF_8)).isEqualTo("{this is not an event");
        assertThat(letter.getHeaders().getFirst("Chorus-Dlq-Stream")).isEqualTo(Subjects.MESSAGES_STREAM);
        assertThat(letter.getHeaders().getFirst("Chorus-Dlq-Error")).contains("not an event envelope");
    }

    @Test
    void catchesUpWithNothingLostAfterItsLinkToElasticsearchIsCut() throws Exception {
        String channel = SearchFixture.unique("c");
        String frank = SearchFixture.unique("u");
        fixture.addMembers(channel, frank);
        String word = SearchFixture.unique("w");
        JetStreamManagement jsm = fixture.nats().jetStreamManagement();
        long deadLettersBefore =
                jsm.getStreamInfo(Subjects.DEAD_LETTER_STREAM).getStreamState().getLastSequence();
        URI api = URI.create(stack.toxiproxy().api());
        Proxy link = new ToxiproxyClient(api.getHost(), api.getPort()).getProxy(PROXY);

        List<String> ids = new ArrayList<>();
        try {
            link.disable();
            for (int i = 0; i < 300; i++) {
                ids.add(fixture.publishCreated(channel, frank, "written during the outage " + i + " " + word)
                        .id()
                        .toString());
            }
            // the indexer has pulled events it cannot write: it holds them (unacked) instead of dropping them
            await(
                    "the indexer holds events it cannot write",
                    () -> indexerInfo().getNumAckPending() > 0);
            assertThat(fixture.search(frank, Map.of("q", word)).messageIds()).isEmpty();
        } finally {
            link.enable();
        }

        await(
                "all 300 messages written during the outage are searchable",
                Duration.ofSeconds(90),
                () -> countIndexed(ids) == 300);
        assertThat(fixture.search(frank, Map.of("q", word, "limit", "100")).messageIds())
                .hasSize(100);
        await("the indexer has acked everything", () -> {
            ConsumerInfo info = indexerInfo();
            return info.getNumAckPending() == 0 && info.getNumPending() == 0;
        });
        assertThat(jsm.getStreamInfo(Subjects.DEAD_LETTER_STREAM)
                        .getStreamState()
                        .getLastSequence())
                .as("nothing was dead-lettered because Elasticsearch was away")
                .isEqualTo(deadLettersBefore);
    }

    // ---- helpers ----

    private JsonNode awaitHit(String user, String word, UUID id) {
        JsonNode[] found = new JsonNode[1];
        await(id + " searchable by " + word, () -> {
            for (JsonNode hit : fixture.search(user, Map.of("q", word)).body().path("hits")) {
                if (hit.path("messageId").asText().equals(id.toString())) {
                    found[0] = hit;
                    return true;
                }
            }
            return false;
        });
        return found[0];
    }

    private static void assertError(Answer answer, int status, String code) {
        assertThat(answer.status()).as(answer.body().toString()).isEqualTo(status);
        assertThat(answer.body().at("/error/code").asText()).isEqualTo(code);
        assertThat(answer.body().at("/error/message").asText()).isNotEmpty();
    }

    private static ConsumerInfo indexerInfo() {
        try {
            return fixture.nats().jetStreamManagement().getConsumerInfo(Subjects.MESSAGES_STREAM, "search-indexer");
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Waits until the indexer has acked every event up to this stream sequence. */
    private static void awaitIndexerPast(long sequence) {
        await(
                "the indexer acked up to sequence " + sequence,
                () -> indexerInfo().getAckFloor().getStreamSequence() >= sequence);
    }

    /**
     * How many of these message ids Elasticsearch finds with a text (a search, so only what is refreshed counts; a
     * deleted message's tombstone has no text).
     */
    private long countIndexed(List<String> messageIds) {
        try {
            String body = JSON.writeValueAsString(Map.of(
                    "query",
                    Map.of(
                            "bool",
                            Map.of(
                                    "filter",
                                    List.of(
                                            Map.of("terms", Map.of("messageId", messageIds)),
                                            Map.of("exists", Map.of("field", "text")))))));
            HttpResponse<String> response = http.send(
                    HttpRequest.newBuilder(URI.create(stack.elasticsearch().url() + "/chorus-messages/_count"))
                            .header("Content-Type", "application/json")
                            .POST(HttpRequest.BodyPublishers.ofString(body))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            return JSON.readTree(response.body()).path("count").asLong(-1);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static void await(String what, BooleanSupplier condition) {
        await(what, INDEXED_WITHIN, condition);
    }

    private static void await(String what, Duration timeout, BooleanSupplier condition) {
        Instant deadline = Instant.now().plus(timeout);
        while (!condition.getAsBoolean()) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("not within " + timeout.toSeconds() + "s: " + what);
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted while waiting: " + what);
            }
        }
    }
}
