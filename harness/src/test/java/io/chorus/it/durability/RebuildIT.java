package io.chorus.it.durability;

import static org.assertj.core.api.Assertions.assertThat;

import com.datastax.oss.driver.api.core.CqlSession;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.chorus.harness.Poll;
import io.chorus.harness.client.Response;
import io.chorus.harness.rebuild.StoreRebuild;
import io.chorus.harness.search.SearchFixture;
import io.chorus.harness.stack.LocalStackExtension;
import io.chorus.harness.stack.StackDescription;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A wiped read store comes back from the event log: after messages, an edit and a delete, the search index and the
 * history table are each emptied, rebuilt from {@code MESSAGES} by {@code harness rebuild}, and answer exactly as
 * before the wipe (same ids, texts, deleted flags; same search hits).
 */
@Order(90)
@ExtendWith(LocalStackExtension.class)
class RebuildIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration APPLIED_WITHIN = Duration.ofSeconds(60);
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final String MESSAGE_ALIAS = "chorus-messages";
    private static final int LOAD = 5000;

    private static StackDescription stack;
    private static SearchFixture fixture;

    @BeforeAll
    static void connect(StackDescription described) {
        stack = described;
        fixture = new SearchFixture(stack);
    }

    @AfterAll
    static void close() {
        if (fixture != null) {
            fixture.close();
        }
    }

    /** A channel with kept, edited and deleted messages, and what search and history answer about it. */
    private record Written(String author, String channel, List<String> words) {}

    @Test
    void searchIsRebuiltFromTheStreamAfterItsIndexIsDeleted() {
        Written written = writeMessages();
        Map<String, List<String>> before = searches(written);
        assertThat(before.values().stream().filter(ids -> !ids.isEmpty()))
                .as("words that find a message: %s", before)
                .hasSize(3);

        deleteMessageIndices();
        Poll.until(
                "the wiped index finds nothing",
                APPLIED_WITHIN,
                () -> searches(written).values().stream().allMatch(List::isEmpty));

        StoreRebuild.Result result = rebuild(StoreRebuild.Store.ELASTICSEARCH);
        assertThat(result.events()).as("every event of the channel replayed").isGreaterThanOrEqualTo(6);
        Poll.until(
                () -> "search answers as before the wipe: " + before + ", now " + searches(written),
                APPLIED_WITHIN,
                () -> searches(written).equals(before));
    }

    @Test
    void historyIsRebuiltFromTheStreamAfterItsTableIsTruncated() {
        Written written = writeMessages();
        List<String> before = history(written);
        assertThat(before)
                .as("history before the wipe")
                .hasSize(4)
                .anyMatch(row -> row.endsWith("|deleted"))
                .anyMatch(row -> row.contains("|edited "));

        truncateHistory();
        assertThat(history(written))
                .as("the truncated table holds nothing of the channel")
                .isEmpty();

        StoreRebuild.Result result = rebuild(StoreRebuild.Store.CASSANDRA);
        assertThat(result.events()).as("every event of the channel replayed").isGreaterThanOrEqualTo(6);
        assertThat(history(written)).as("history as before the wipe").isEqualTo(before);
    }

    /**
     * Thousands of events rebuilt over full stores: the measured rate of each rebuild (printed), and a rebuild over
     * what the store already holds adds nothing (idempotent).
     */
    @Test
    void aRebuildOverAFullStoreAddsNothingAndMeasuresItsRate() {
        String author = SearchFixture.unique("u");
        String channel = SearchFixture.unique("c");
        List<java.util.concurrent.CompletableFuture<io.nats.client.api.PublishAck>> acks = new ArrayList<>();
        for (int i = 0; i < LOAD; i++) {
            acks.add(fixture.publishAsync(SearchFixture.created(channel, author, "load " + i)));
            if (acks.size() % 500 == 0) {
                acks.get(acks.size() - 1).join(); // bounds what is in flight
            }
        }
        long last = acks.stream().mapToLong(ack -> ack.join().getSeqno()).max().orElseThrow();
        fixture.awaitAcked("message-writer", last, APPLIED_WITHIN);
        fixture.awaitAcked("search-indexer", last, APPLIED_WITHIN);
        Poll.until("the load indexed", APPLIED_WITHIN, () -> documents(channel) == LOAD);

        assertThat(rebuild(StoreRebuild.Store.ELASTICSEARCH).events()).isGreaterThanOrEqualTo(LOAD);
        assertThat(rebuild(StoreRebuild.Store.CASSANDRA).events()).isGreaterThanOrEqualTo(LOAD);
        http("POST", stack.elasticsearch().url() + "/" + MESSAGE_ALIAS + "/_refresh");
        assertThat(documents(channel))
                .as("documents of the channel after rebuilding over them")
                .isEqualTo(LOAD);
    }

    private static long documents(String channel) {
        HttpResponse<String> count =
                http("GET", stack.elasticsearch().url() + "/" + MESSAGE_ALIAS + "/_count?q=channelId:" + channel);
        return count.statusCode() == 200 ? json(count).path("count").asLong() : -1;
    }

    private static StoreRebuild.Result rebuild(StoreRebuild.Store store) {
        List<String> lines = new ArrayList<>();
        Optional<StoreRebuild.Result> result = new StoreRebuild().run(stack, store, line -> {
            lines.add(line);
            System.out.println(line);
        });
        assertThat(result)
                .as("the rebuild of %s finished: %s", store.id(), lines)
                .isPresent();
        return result.get();
    }

    /** Four messages: one kept, one edited, one deleted, one kept after those; each with words of its own. */
    private static Written writeMessages() {
        String author = SearchFixture.unique("u");
        String channel = SearchFixture.unique("c");
        accepted(
                "POST",
                "/v1/channels",
                author,
                "{\"channelId\":\"" + channel + "\",\"name\":\"" + channel + "\",\"kind\":\"private\",\"members\":[]}");
        Poll.until("the owner's role applied in " + channel, APPLIED_WITHIN, () -> fixture.hasRole(channel, author));
        List<String> words = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            words.add(SearchFixture.unique("w"));
        }
        send(author, channel, "kept " + words.get(0));
        UUID edited = UUID.fromString(
                send(author, channel, "draft " + words.get(1)).path("messageId").asText());
        accepted(
                "PATCH",
                "/v1/channels/" + channel + "/messages/" + edited,
                author,
                "{\"text\":\"edited " + words.get(2) + "\"}");
        UUID deleted = UUID.fromString(
                send(author, channel, "gone " + words.get(3)).path("messageId").asText());
        accepted("DELETE", "/v1/channels/" + channel + "/messages/" + deleted, author, null);
        long last = send(author, channel, "last " + words.get(4)).path("seq").asLong();
        fixture.awaitAcked("message-writer", last, APPLIED_WITHIN);
        fixture.awaitAcked("search-indexer", last, APPLIED_WITHIN);
        Written written = new Written(author, channel, words);
        // the last message searchable: the index was refreshed after every earlier event
        Poll.until(
                "the last message searchable",
                APPLIED_WITHIN,
                () -> fixture.search(author, Map.of("q", words.get(4), "channelId", channel))
                                .messageIds()
                                .size()
                        == 1);
        return written;
    }

    /** Each word's hits in the channel; a search that fails (its index gone) finds nothing. */
    private static Map<String, List<String>> searches(Written written) {
        Map<String, List<String>> hits = new LinkedHashMap<>();
        for (String word : written.words()) {
            SearchFixture.Answer answer =
                    fixture.search(written.author(), Map.of("q", word, "channelId", written.channel()));
            hits.put(word, answer.status() == 200 ? answer.messageIds() : List.of());
        }
        return hits;
    }

    /** The channel's history, newest first, one row a message: {@code id|text|deleted}. */
    private static List<String> history(Written written) {
        SearchFixture.Answer page =
                fixture.query("/v1/channels/" + written.channel() + "/messages?limit=50", written.author());
        assertThat(page.status())
                .as("history of %s: %s", written.channel(), page.body())
                .isEqualTo(200);
        List<String> rows = new ArrayList<>();
        for (JsonNode m : page.body().path("messages")) {
            rows.add(m.path("id").asText() + "|" + m.path("text").asText("") + "|"
                    + (m.path("deleted").asBoolean() ? "deleted" : "kept"));
        }
        return rows;
    }

    private static void deleteMessageIndices() {
        String es = stack.elasticsearch().url();
        JsonNode indices = json(http("GET", es + "/_cat/indices/chorus-messages-*?h=index&format=json"));
        assertThat(indices.size())
                .as("daily message indices to delete: %s", indices)
                .isPositive();
        for (JsonNode index : indices) {
            HttpResponse<String> deleted =
                    http("DELETE", es + "/" + index.path("index").asText());
            assertThat(deleted.statusCode())
                    .as("delete %s: %s", index, deleted.body())
                    .isEqualTo(200);
        }
    }

    private static void truncateHistory() {
        String point = stack.cassandra().contactPoints().get(0);
        int colon = point.lastIndexOf(':');
        try (CqlSession session = CqlSession.builder()
                .addContactPoint(
                        new InetSocketAddress(point.substring(0, colon), Integer.parseInt(point.substring(colon + 1))))
                .withLocalDatacenter("datacenter1")
                .build()) {
            session.execute("TRUNCATE chorus.messages");
            session.execute("TRUNCATE chorus.channel_days");
        }
    }

    private static JsonNode send(String author, String channel, String text) {
        return accepted(
                "POST",
                "/v1/channels/" + channel + "/messages",
                author,
                "{\"clientMsgId\":\"" + UUID.randomUUID() + "\",\"text\":\"" + text + "\"}");
    }

    private static JsonNode accepted(String method, String path, String user, String body) {
        Response response = fixture.command(method, path, user, body);
        assertThat(response.status())
                .as("%s %s: %s", method, path, response.body())
                .isEqualTo(202);
        return response.json();
    }

    private static HttpResponse<String> http(String method, String url) {
        try {
            return HTTP.send(
                    HttpRequest.newBuilder(URI.create(url))
                            .method(method, HttpRequest.BodyPublishers.noBody())
                            .timeout(Duration.ofSeconds(30))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static JsonNode json(HttpResponse<String> response) {
        try {
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
