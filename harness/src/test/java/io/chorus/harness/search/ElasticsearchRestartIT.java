package io.chorus.harness.search;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.chorus.common.events.Subjects;
import io.chorus.harness.Poll;
import io.chorus.harness.client.Response;
import io.chorus.harness.stack.LocalStack;
import io.chorus.harness.stack.LocalStackExtension;
import io.chorus.harness.stack.StackDescription;
import io.nats.client.JetStreamManagement;
import io.nats.client.api.ConsumerInfo;
import io.nats.client.api.StreamInfoOptions;
import io.nats.client.api.Subject;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Issue 5: search catches up with nothing lost after the Elasticsearch PROCESS is stopped and started again (not a
 * cut link, as {@code SearchIT} does: here connections are refused, the node comes back and recovers its shards,
 * and the template and alias are already there). Messages go through the real command service before, during and
 * after the outage; every one must be acknowledged 202, and afterwards each is held by exactly one document, with
 * the indexer's consumer drained and nothing dead-lettered. A sample of them (every phase's first and last, and
 * every {@value #SEARCHED_EVERY}th) is searched through the query service by a word only its text holds: the
 * document count covers every message, the searches show that the documents are the messages' own. While
 * Elasticsearch is down a search answers a JSON 503 with Retry-After at once. Elasticsearch is started again in a finally block, so the classes
 * after this one find it healthy whatever happens here.
 */
@Order(49)
@ExtendWith(LocalStackExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ElasticsearchRestartIT {
    private static final String ELASTICSEARCH = "elasticsearch";
    private static final String INDEXER = "search-indexer";
    private static final int BEFORE = 200;
    private static final int DURING = 2000;
    private static final int AFTER = 200;
    /** Senders share the messages: the command service allows a user 100 sends a second (burst 200). */
    private static final int AUTHORS = 8;
    /** One message in this many is also searched for through the query service (one request each). */
    private static final int SEARCHED_EVERY = 20;
    /**
     * How long Elasticsearch stays away at least (the fault window, as a nemesis holds one; not a readiness guess):
     * long enough for the indexer's back-off to reach its 5 s ceiling, so its log and CPU show the steady state.
     */
    private static final Duration OUTAGE = Duration.ofSeconds(30);

    private static final Duration APPLIED_WITHIN = Duration.ofSeconds(60);
    private static final Duration CAUGHT_UP_WITHIN = Duration.ofMinutes(3);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private LocalStack local;
    private StackDescription stack;
    private SearchFixture fixture;

    /** A message the command service acknowledged, and the word only its text holds. */
    private record Sent(String messageId, long seq, String word) {}

    @BeforeAll
    void connect(LocalStack local) {
        this.local = local;
        this.stack = local.description();
        this.fixture = new SearchFixture(stack).searchTimeout(Duration.ofSeconds(10));
    }

    @AfterAll
    void close() {
        if (fixture != null) {
            fixture.close();
        }
    }

    @Test
    void everyMessageSentBeforeDuringAndAfterAStoppedElasticsearchIsSearchableOnce() throws Exception {
        String owner = SearchFixture.unique("u");
        List<String> authors = new ArrayList<>();
        for (int i = 0; i < AUTHORS; i++) {
            authors.add(SearchFixture.unique("u"));
        }
        String channel = createChannel(owner, authors);
        long deadLettersBefore = indexerDeadLetters();

        List<Sent> before = sendMessages(channel, authors, "before", BEFORE);
        Poll.until(
                "the messages sent before the outage are indexed",
                APPLIED_WITHIN,
                () -> countIndexed(before) == BEFORE);

        IndexerActivity activity = IndexerActivity.start(local);
        Instant stopped = Instant.now();
        List<Sent> during;
        Instant healthy;
        long floorInTheOutage;
        try {
            local.stop(ELASTICSEARCH);
            assertThat(local.health(ELASTICSEARCH).healthy())
                    .as("Elasticsearch is down")
                    .isFalse();
            during = sendMessages(channel, authors, "during", DURING);
            assertSearchIsUnavailable(owner, channel, during.get(0).word());
            Poll.until(
                    "the indexer holds events it cannot write",
                    APPLIED_WITHIN,
                    () -> indexer().getNumAckPending() > 0);
            Poll.until(
                    "the outage has lasted " + OUTAGE.toSeconds() + " s",
                    OUTAGE.plusSeconds(5),
                    () -> Duration.between(stopped, Instant.now()).compareTo(OUTAGE) >= 0);
            activity.report(Duration.between(stopped, Instant.now()));
            floorInTheOutage = indexer().getAckFloor().getStreamSequence(); // held batches keep it still
        } finally {
            Instant restarting = Instant.now();
            local.relaunch(List.of(ELASTICSEARCH)); // returns once its health check is green (yellow or green)
            healthy = Instant.now();
            System.out.printf(
                    "elasticsearch healthy %d ms after its start%n",
                    Duration.between(restarting, healthy).toMillis());
        }

        CatchUp catchUp = CatchUp.from(
                floorInTheOutage, during.stream().mapToLong(Sent::seq).max().orElseThrow());
        Poll.until(
                "the " + DURING + " messages sent during the outage are indexed",
                CAUGHT_UP_WITHIN,
                () -> catchUp.observe(indexer().getAckFloor().getStreamSequence()) && countIndexed(during) == DURING);
        System.out.printf(
                "caught up %d messages after Elasticsearch was healthy: the indexer's ack floor had moved "
                        + "by %d ms, passed the last one after %d ms; all searchable after %d ms%n",
                DURING,
                catchUp.millisAfter(healthy, catchUp.firstProgress),
                catchUp.millisAfter(healthy, catchUp.allAcked),
                Duration.between(healthy, Instant.now()).toMillis());

        List<Sent> after = sendMessages(channel, authors, "after", AFTER);
        List<Sent> all = new ArrayList<>(before);
        all.addAll(during);
        all.addAll(after);
        Poll.until("every message is indexed", APPLIED_WITHIN, () -> countIndexed(all) == all.size());
        assertThat(documentsPerMessage(all))
                .as("documents per message, over every daily index")
                .hasSize(all.size())
                .allSatisfy((id, documents) -> assertThat(documents).as(id).isEqualTo(1L));
        for (Sent sent : sample(all)) {
            SearchFixture.Answer found = fixture.search(owner, Map.of("q", sent.word(), "channelId", channel));
            assertThat(found.status()).as(found.body().toString()).isEqualTo(200);
            assertThat(found.messageIds()).as("the hits of " + sent.word()).containsExactly(sent.messageId());
        }
        Poll.until("the indexer has acked everything", APPLIED_WITHIN, () -> {
            ConsumerInfo info = indexer();
            return info.getNumAckPending() == 0 && info.getNumPending() == 0;
        });
        assertThat(indexerDeadLetters())
                .as("nothing was dead-lettered because Elasticsearch was down")
                .isEqualTo(deadLettersBefore);
        assertThat(activity.linesMentioning("dead-lettered"))
                .as("the indexer's log")
                .isZero();
    }

    /** While Elasticsearch is down a search answers 503 with Retry-After and the JSON error shape, at once. */
    private void assertSearchIsUnavailable(String user, String channel, String word) throws Exception {
        for (Map<String, String> params : List.of(Map.of("q", word, "channelId", channel), Map.of("q", word))) {
            SearchFixture.Answer answer = fixture.search(user, params);
            assertThat(answer.status()).as(answer.body().toString()).isEqualTo(503);
            assertThat(answer.retryAfter()).isPresent();
            JsonNode body = answer.body();
            assertThat(body.at("/error/code").asText()).isEqualTo("unavailable");
            assertThat(body.at("/error/message").asText()).isNotEmpty();
        }
    }

    private String createChannel(String owner, List<String> members) throws Exception {
        String channel = SearchFixture.unique("c");
        String body = "{\"channelId\":\"" + channel + "\",\"name\":\"outage\",\"kind\":\"private\",\"members\":[\""
                + String.join("\",\"", members) + "\"]}";
        Response created = command("/v1/channels", owner, body);
        assertThat(created.status()).as(created.body()).isEqualTo(202);
        Poll.until(
                "the meta writer gave every author a role in " + channel,
                APPLIED_WITHIN,
                () -> members.stream().allMatch(m -> fixture.hasRole(channel, m)));
        return channel;
    }

    /**
     * Sends {@code count} messages through the command service, round robin over the authors, each author's in turn
     * on a thread of its own (as that many clients would); each must be 202. The list is in send order.
     */
    private List<Sent> sendMessages(String channel, List<String> authors, String phase, int count) throws Exception {
        Sent[] sent = new Sent[count];
        ExecutorService clients = Executors.newFixedThreadPool(authors.size());
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int a = 0; a < authors.size(); a++) {
                int first = a;
                done.add(clients.submit(() -> {
                    for (int i = first; i < count; i += authors.size()) {
                        sent[i] = send(channel, authors.get(first), phase, i);
                    }
                    return null;
                }));
            }
            for (Future<?> author : done) {
                author.get();
            }
        } finally {
            clients.shutdownNow();
        }
        return List.of(sent);
    }

    private Sent send(String channel, String author, String phase, int i) throws IOException {
        String word = SearchFixture.unique("w");
        String body = "{\"clientMsgId\":\"" + phase + "-" + i + "\",\"text\":\"" + phase + " " + i + " " + word + "\"}";
        // over the sender's rate the client waits as told and sends the same clientMsgId again (idempotent)
        Response answer = command("/v1/channels/" + channel + "/messages", author, body);
        assertThat(answer.status()).as(phase + " " + i + ": " + answer.body()).isEqualTo(202);
        JsonNode accepted = JSON.readTree(answer.body());
        return new Sent(
                accepted.path("messageId").asText(), accepted.path("seq").asLong(), word);
    }

    private Response command(String path, String user, String body) {
        return fixture.command("POST", path, user, body);
    }

    /** How many documents of these messages Elasticsearch holds (a duplicate in another daily index counts too). */
    private long countIndexed(List<Sent> messages) {
        try {
            HttpResponse<String> response = postToMessageIndex("_count", Map.of("query", theseMessages(messages)));
            return JSON.readTree(response.body()).path("count").asLong(-1);
        } catch (IOException e) {
            return -1; // Elasticsearch still recovering: asked again
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Every phase's first and last message and every {@value #SEARCHED_EVERY}th in between. */
    private static List<Sent> sample(List<Sent> all) {
        List<Sent> sample = new ArrayList<>();
        for (int i = 0; i < all.size(); i++) {
            boolean phaseEdge = i == 0
                    || i == BEFORE - 1
                    || i == BEFORE
                    || i == BEFORE + DURING - 1
                    || i == BEFORE + DURING
                    || i == all.size() - 1;
            if (phaseEdge || i % SEARCHED_EVERY == 0) {
                sample.add(all.get(i));
            }
        }
        return sample;
    }

    /** How many documents hold each of these messages, over every daily index (a message with none is absent). */
    private Map<String, Long> documentsPerMessage(List<Sent> messages) throws Exception {
        HttpResponse<String> response = postToMessageIndex(
                "_search",
                Map.of(
                        "size", 0,
                        "query", theseMessages(messages),
                        "aggs",
                                Map.of(
                                        "messages",
                                        Map.of("terms", Map.of("field", "messageId", "size", messages.size() + 1)))));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        Map<String, Long> documents = new HashMap<>();
        for (JsonNode bucket : JSON.readTree(response.body()).at("/aggregations/messages/buckets")) {
            documents.put(bucket.path("key").asText(), bucket.path("doc_count").asLong());
        }
        return documents;
    }

    /** The query that matches the documents of these messages. */
    private static Map<String, Object> theseMessages(List<Sent> messages) {
        return Map.of(
                "terms",
                Map.of("messageId", messages.stream().map(Sent::messageId).toList()));
    }

    /** POSTs a JSON body to an endpoint of the message index alias (every daily index), such as {@code _count}. */
    private HttpResponse<String> postToMessageIndex(String endpoint, Map<String, Object> body)
            throws IOException, InterruptedException {
        return http.send(
                HttpRequest.newBuilder(URI.create(stack.elasticsearch().url() + "/chorus-messages/" + endpoint))
                        .timeout(Duration.ofSeconds(10))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private ConsumerInfo indexer() {
        try {
            return fixture.nats().jetStreamManagement().getConsumerInfo(Subjects.MESSAGES_STREAM, INDEXER);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private long indexerDeadLetters() throws Exception {
        JetStreamManagement jsm = fixture.nats().jetStreamManagement();
        List<Subject> subjects = jsm.getStreamInfo(
                        Subjects.DEAD_LETTER_STREAM, StreamInfoOptions.filterSubjects(Subjects.deadLetter(INDEXER)))
                .getStreamState()
                .getSubjects();
        return subjects == null
                ? 0
                : subjects.stream().mapToLong(Subject::getCount).sum();
    }

    /** When the indexer's ack floor first moved after the restart, and when it passed the last outage message. */
    private static final class CatchUp {
        private final long floorAtStart;
        private final long lastSequence;
        private Instant firstProgress;
        private Instant allAcked;

        private CatchUp(long floorAtStart, long lastSequence) {
            this.floorAtStart = floorAtStart;
            this.lastSequence = lastSequence;
        }

        static CatchUp from(long floorAtStart, long lastSequence) {
            return new CatchUp(floorAtStart, lastSequence);
        }

        /** Notes the times; true once the floor has passed the last sequence. */
        boolean observe(long floor) {
            Instant now = Instant.now();
            if (firstProgress == null && floor > floorAtStart) {
                firstProgress = now;
            }
            if (allAcked == null && floor >= lastSequence) {
                allAcked = now;
            }
            return allAcked != null;
        }

        long millisAfter(Instant start, Instant moment) {
            return moment == null ? -1 : Duration.between(start, moment).toMillis();
        }
    }

    /**
     * What the search indexer does while Elasticsearch is away: the CPU its processes spend (a busy retry loop would
     * spend a core) and what it logs (a warning per back-off round would flood the log).
     */
    private record IndexerActivity(LocalStack local, List<Long> pids, long cpuTicksAtStart, Path log, long logOffset) {
        private static final long TICKS_PER_SECOND = 100; // USER_HZ on Linux

        static IndexerActivity start(LocalStack local) throws IOException {
            List<Long> pids = local.processesOf(INDEXER);
            Path log = local.runFolder().log(INDEXER);
            return new IndexerActivity(local, pids, cpuTicks(pids), log, Files.size(log));
        }

        void report(Duration outage) throws IOException {
            double cpuSeconds = (cpuTicks(pids) - cpuTicksAtStart) / (double) TICKS_PER_SECOND;
            List<String> lines = linesSinceStart();
            long warnings = lines.stream().filter(l -> l.contains("WARN")).count();
            System.out.printf(
                    "search indexer while Elasticsearch was down %d s: %.2f s CPU, %d log lines " + "(%d warnings)%n",
                    outage.toSeconds(), cpuSeconds, lines.size(), warnings);
            // a busy loop spends a core; backing off up to 5 s between bulk attempts costs a few percent
            assertThat(cpuSeconds)
                    .as("CPU seconds of the indexer in a %d s outage", outage.toSeconds())
                    .isLessThan(outage.toSeconds() * 0.25);
        }

        long linesMentioning(String text) throws IOException {
            return linesSinceStart().stream().filter(l -> l.contains(text)).count();
        }

        private List<String> linesSinceStart() throws IOException {
            try (RandomAccessFile file = new RandomAccessFile(log.toFile(), "r")) {
                file.seek(logOffset);
                byte[] tail = new byte[(int) (file.length() - logOffset)];
                file.readFully(tail);
                return new String(tail, StandardCharsets.UTF_8).lines().toList();
            }
        }

        /** utime + stime of the processes, from {@code /proc/<pid>/stat}. */
        private static long cpuTicks(List<Long> pids) throws IOException {
            long ticks = 0;
            for (long pid : pids) {
                String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
                String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                ticks += Long.parseLong(fields[11]) + Long.parseLong(fields[12]); // fields 14 and 15 of stat
            }
            return ticks;
        }
    }
}
