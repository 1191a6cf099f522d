package io.chorus.harness.search;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.FieldValue;
import co.elastic.clients.elasticsearch.core.BulkRequest;
import co.elastic.clients.elasticsearch.core.BulkResponse;
import co.elastic.clients.elasticsearch.core.SearchResponse;
import co.elastic.clients.elasticsearch.core.search.Hit;
import co.elastic.clients.json.jackson.JacksonJsonpMapper;
import co.elastic.clients.transport.rest_client.RestClientTransport;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Projections;
import eu.rekawek.toxiproxy.Proxy;
import eu.rekawek.toxiproxy.ToxiproxyClient;
import io.chorus.common.events.EventEnvelope;
import io.chorus.common.events.Subjects;
import io.chorus.common.events.UuidV7;
import io.chorus.common.search.MessageIndex;
import io.chorus.harness.checker.LatencySummary;
import io.chorus.harness.stack.RunFolder;
import io.chorus.harness.stack.StackDescription;
import io.nats.client.api.ConsumerInfo;
import io.nats.client.api.PublishAck;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.http.HttpHost;
import org.bson.Document;
import org.elasticsearch.client.RestClient;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Measures the search path on a running local stack ({@code harness up}): indexing lag, the indexer's bulk
 * throughput, a bulk load of a large corpus, and search latency over it. Every loop is bounded in count and time.
 * The commands are in docs/performance.md; the runs and their numbers in docs/lab/search.md.
 */
@Command(
        name = "search-benchmark",
        mixinStandardHelpOptions = true,
        subcommands = {
            SearchBenchmark.Lag.class,
            SearchBenchmark.Drain.class,
            SearchBenchmark.Load.class,
            SearchBenchmark.Query.class
        })
public final class SearchBenchmark {
    static final String HEAVY_USER = "bench-heavy";
    static final String LIGHT_USER = "bench-light";

    public static void main(String[] args) {
        System.exit(new CommandLine(new SearchBenchmark()).execute(args));
    }

    abstract static class OnStack implements Callable<Integer> {
        @Option(names = "--run", required = true, description = "run folder of a stack that is up")
        Path run;

        StackDescription stack() {
            return new RunFolder(run.toAbsolutePath())
                    .read()
                    .orElseThrow(() -> new IllegalArgumentException("no stack.json in " + run));
        }

        static ElasticsearchClient elasticsearch(StackDescription stack) {
            RestClient rest = RestClient.builder(
                            HttpHost.create(stack.elasticsearch().url()))
                    .build();
            return new ElasticsearchClient(new RestClientTransport(rest, new JacksonJsonpMapper()));
        }

        static ConsumerInfo indexer(SearchFixture fixture) throws Exception {
            return fixture.nats().jetStreamManagement().getConsumerInfo(Subjects.MESSAGES_STREAM, "search-indexer");
        }

        static Proxy indexerLink(StackDescription stack) throws IOException {
            URI api = URI.create(stack.toxiproxy().api());
            return new ToxiproxyClient(api.getHost(), api.getPort()).getProxy("search-indexer->elasticsearch");
        }
    }

    /** Publish at a fixed rate; for each message, the time from its PubAck to the first search that finds it. */
    @Command(name = "lag")
    static final class Lag extends OnStack {
        @Option(names = "--rate", defaultValue = "500")
        int rate;

        @Option(names = "--seconds", defaultValue = "60")
        int seconds;

        @Option(names = "--channels", defaultValue = "50")
        int channels;

        @Option(names = "--poll-ms", defaultValue = "50")
        int pollMs;

        @Option(names = "--sample", defaultValue = "10", description = "track the lag of one message in N")
        int sample;

        private final List<Long> pollCycles = java.util.Collections.synchronizedList(new ArrayList<>());

        @Override
        public Integer call() throws Exception {
            StackDescription stack = stack();
            String prefix = SearchFixture.unique("lag");
            SyntheticCorpus corpus = new SyntheticCorpus(5000, 1);
            SplittableRandom random = new SplittableRandom(2);
            Map<String, Long> outstanding = new ConcurrentHashMap<>();
            List<Long> lagsMicros = java.util.Collections.synchronizedList(new ArrayList<>());
            List<Long> ackMicros = new ArrayList<>();
            AtomicBoolean polling = new AtomicBoolean(true);
            try (SearchFixture fixture = new SearchFixture(stack)) {
                ElasticsearchClient es = elasticsearch(stack);
                Thread poller = new Thread(() -> poll(es, outstanding, lagsMicros, polling), "lag-poller");
                poller.start();
                int total = rate * seconds;
                long intervalNanos = 1_000_000_000L / rate;
                long start = System.nanoTime();
                long behind = 0;
                for (int i = 0; i < total; i++) {
                    long intended = start + i * intervalNanos;
                    long wait = intended - System.nanoTime();
                    if (wait > 0) {
                        Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
                    } else if (-wait > 100_000_000L) {
                        behind++;
                    }
                    EventEnvelope created = SearchFixture.created(
                            prefix + "-" + (i % channels), "bench-author", corpus.message(random));
                    long before = System.nanoTime();
                    fixture.publish(created);
                    long acked = System.nanoTime();
                    ackMicros.add((acked - before) / 1000);
                    if (i % sample == 0) {
                        outstanding.put(created.id().toString(), acked);
                    }
                }
                double achieved = total / ((System.nanoTime() - start) / 1e9);
                Instant deadline = Instant.now().plusSeconds(60);
                while (!outstanding.isEmpty() && Instant.now().isBefore(deadline)) {
                    Thread.sleep(100);
                }
                polling.set(false);
                poller.join();
                long[] lags = lagsMicros.stream().mapToLong(l -> l / 1000).toArray();
                System.out.printf(
                        "published %d messages at %.1f msg/s (target %d; %d sends more than 100 ms late)%n",
                        total, achieved, rate, behind);
                System.out.println("publish-and-wait (PubAck) latency: "
                        + LatencySummary.of(
                                        TimeUnit.MILLISECONDS,
                                        ackMicros.stream()
                                                .mapToLong(l -> l / 1000)
                                                .toArray())
                                .text());
                System.out.println("indexing lag, PubAck to found by a search (one message in " + sample
                        + ", poll every " + pollMs + " ms): "
                        + LatencySummary.of(TimeUnit.MILLISECONDS, lags).text());
                System.out.println("poll cycle (the lag's resolution): "
                        + LatencySummary.of(
                                        TimeUnit.MILLISECONDS,
                                        pollCycles.stream()
                                                .mapToLong(Long::longValue)
                                                .toArray())
                                .text());
                System.out.println("not searchable 60 s after the last publish: " + outstanding.size());
                return outstanding.isEmpty() ? 0 : 1;
            }
        }

        private void poll(
                ElasticsearchClient es, Map<String, Long> outstanding, List<Long> lags, AtomicBoolean polling) {
            while (polling.get()) {
                long began = System.nanoTime();
                List<String> ids = new ArrayList<>(outstanding.keySet());
                for (int from = 0; from < ids.size(); from += 2000) {
                    List<FieldValue> chunk = ids.subList(from, Math.min(ids.size(), from + 2000)).stream()
                            .map(FieldValue::of)
                            .toList();
                    try {
                        SearchResponse<Void> found = es.search(
                                s -> s.index(MessageIndex.ALIAS)
                                        .size(chunk.size())
                                        .source(src -> src.fetch(false))
                                        .query(q -> q.terms(t ->
                                                t.field(MessageIndex.MESSAGE_ID).terms(v -> v.value(chunk)))),
                                Void.class);
                        long now = System.nanoTime();
                        for (Hit<Void> hit : found.hits().hits()) {
                            Long acked = outstanding.remove(hit.id());
                            if (acked != null) {
                                lags.add((now - acked) / 1000);
                            }
                        }
                    } catch (Exception e) {
                        System.err.println("poll failed: " + e);
                    }
                }
                long spent = (System.nanoTime() - began) / 1_000_000;
                if (!ids.isEmpty()) {
                    pollCycles.add(spent);
                }
                if (spent < pollMs) {
                    try {
                        Thread.sleep(pollMs - spent);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            }
        }
    }

    /**
     * The indexer's catch-up (bulk) throughput: cut its link to Elasticsearch, publish a backlog, restore the link,
     * and time until every event is acked and every document searchable.
     */
    @Command(name = "drain")
    static final class Drain extends OnStack {
        @Option(names = "--messages", defaultValue = "50000")
        int messages;

        @Option(names = "--channels", defaultValue = "100")
        int channels;

        @Override
        public Integer call() throws Exception {
            StackDescription stack = stack();
            String prefix = SearchFixture.unique("drain");
            SyntheticCorpus corpus = new SyntheticCorpus(5000, 3);
            SplittableRandom random = new SplittableRandom(4);
            Proxy link = indexerLink(stack);
            try (SearchFixture fixture = new SearchFixture(stack)) {
                ElasticsearchClient es = elasticsearch(stack);
                long lastSequence = 0;
                long begin;
                try {
                    link.disable();
                    long publishStart = System.nanoTime();
                    List<CompletableFuture<PublishAck>> window = new ArrayList<>();
                    for (int i = 0; i < messages; i++) {
                        window.add(fixture.publishAsync(SearchFixture.created(
                                prefix + "-" + (i % channels), "bench-author", corpus.message(random))));
                        if (window.size() == 2000 || i == messages - 1) {
                            for (CompletableFuture<PublishAck> ack : window) {
                                lastSequence = Math.max(lastSequence, ack.get().getSeqno());
                            }
                            window.clear();
                        }
                    }
                    System.out.printf(
                            "backlog of %d published in %.1f s%n", messages, (System.nanoTime() - publishStart) / 1e9);
                } finally {
                    link.enable();
                    begin = System.nanoTime();
                }
                Instant deadline = Instant.now().plusSeconds(600);
                while (indexer(fixture).getAckFloor().getStreamSequence() < lastSequence
                        && Instant.now().isBefore(deadline)) {
                    Thread.sleep(50);
                }
                double acked = (System.nanoTime() - begin) / 1e9;
                List<FieldValue> channelIds = new ArrayList<>();
                for (int c = 0; c < channels; c++) {
                    channelIds.add(FieldValue.of(prefix + "-" + c));
                }
                long count = 0;
                while (Instant.now().isBefore(deadline)) {
                    count = es.count(c -> c.index(MessageIndex.ALIAS)
                                    .query(q -> q.terms(t ->
                                            t.field(MessageIndex.CHANNEL_ID).terms(v -> v.value(channelIds)))))
                            .count();
                    if (count >= messages) {
                        break;
                    }
                    Thread.sleep(50);
                }
                double searchable = (System.nanoTime() - begin) / 1e9;
                System.out.printf(
                        "indexer caught up a backlog of %d: all acked after %.1f s (%.0f docs/s), "
                                + "%d searchable after %.1f s (%.0f docs/s)%n",
                        messages, acked, messages / acked, count, searchable, count / searchable);
                return count == messages ? 0 : 1;
            }
        }
    }

    /**
     * Bulk-loads a synthetic corpus straight into the daily indices (through the indexer's template), and the
     * memberships of two users: {@value #HEAVY_USER} in {@code --heavy-channels} channels, {@value #LIGHT_USER} in 10.
     */
    @Command(name = "load")
    static final class Load extends OnStack {
        @Option(names = "--docs", defaultValue = "1000000")
        int docs;

        @Option(names = "--days", defaultValue = "10")
        int days;

        @Option(names = "--channels", defaultValue = "200000")
        int channels;

        @Option(names = "--heavy-channels", defaultValue = "100000")
        int heavyChannels;

        @Option(names = "--bulk", defaultValue = "5000")
        int bulkSize;

        @Option(names = "--threads", defaultValue = "2")
        int threads;

        @Override
        public Integer call() throws Exception {
            StackDescription stack = stack();
            ElasticsearchClient es = elasticsearch(stack);
            if (!es.indices()
                    .existsIndexTemplate(t -> t.name(MessageIndex.TEMPLATE))
                    .value()) {
                System.err.println("no message index template: is the search-indexer running?");
                return 2;
            }
            SyntheticCorpus corpus = new SyntheticCorpus(5000, 5);
            LocalDate today = LocalDate.now(ZoneOffset.UTC);
            long begin = System.nanoTime();
            ExecutorService pool = Executors.newFixedThreadPool(threads);
            List<Future<Long>> parts = new ArrayList<>();
            int perThread = docs / threads;
            for (int t = 0; t < threads; t++) {
                int first = t * perThread;
                int last = t == threads - 1 ? docs : first + perThread;
                int seed = t;
                parts.add(pool.submit(() -> loadRange(es, corpus, today, first, last, seed)));
            }
            long loaded = 0;
            for (Future<Long> part : parts) {
                loaded += part.get();
            }
            pool.shutdown();
            double seconds = (System.nanoTime() - begin) / 1e9;
            es.indices().refresh(r -> r.index(MessageIndex.ALIAS));
            long count = es.count(c -> c.index(MessageIndex.ALIAS)).count();
            System.out.printf(
                    "bulk-loaded %d docs in %.1f s: %.0f docs/s (%d threads, bulks of %d); alias now counts %d%n",
                    loaded, seconds, loaded / seconds, threads, bulkSize, count);

            try (SearchFixture fixture = new SearchFixture(stack)) {
                long m = System.nanoTime();
                List<String> heavy = new ArrayList<>(heavyChannels);
                for (int c = 0; c < heavyChannels; c++) {
                    heavy.add(channel(c));
                }
                fixture.addMemberships(HEAVY_USER, heavy);
                fixture.addMemberships(LIGHT_USER, heavy.subList(0, 10));
                System.out.printf(
                        "memberships: %s in %d channels, %s in 10, written in %.1f s%n",
                        HEAVY_USER, heavyChannels, LIGHT_USER, (System.nanoTime() - m) / 1e9);
            }
            return 0;
        }

        private long loadRange(
                ElasticsearchClient es, SyntheticCorpus corpus, LocalDate today, int first, int last, int seed)
                throws IOException {
            SplittableRandom random = new SplittableRandom(seed * 7919L + 11);
            long done = 0;
            for (int from = first; from < last; from += bulkSize) {
                BulkRequest.Builder bulk = new BulkRequest.Builder();
                int to = Math.min(last, from + bulkSize);
                for (int i = from; i < to; i++) {
                    LocalDate day = today.minusDays(i % days);
                    long millis =
                            day.atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli() + random.nextLong(86_400_000L);
                    String id = UuidV7.at(millis).toString();
                    MessageIndex.Document doc = new MessageIndex.Document(
                            id,
                            channel(random.nextInt(channels)),
                            "bench-u" + random.nextInt(10_000),
                            corpus.message(random),
                            Instant.ofEpochMilli(millis).toString(),
                            null);
                    bulk.operations(op -> op.index(
                            x -> x.index(MessageIndex.daily(day)).id(id).document(doc)));
                }
                BulkResponse response = es.bulk(bulk.build());
                if (response.errors()) {
                    throw new IOException("bulk had errors: "
                            + response.items().stream()
                                    .filter(item -> item.error() != null)
                                    .findFirst()
                                    .map(item -> item.error().reason())
                                    .orElse("?"));
                }
                done += to - from;
            }
            return done;
        }

        static String channel(int c) {
            return "bench-c" + c;
        }
    }

    /** Search latency through the query API (sequential requests), and where the time of the heaviest case goes. */
    @Command(name = "query")
    static final class Query extends OnStack {
        @Option(names = "--queries", defaultValue = "300")
        int queries;

        @Option(names = "--warmup", defaultValue = "30")
        int warmup;

        @Option(
                names = "--light-queries",
                defaultValue = "-1",
                description = "queries of the user in 10 channels (default: --queries)")
        int lightQueries;

        @Option(names = "--timeout-seconds", defaultValue = "30", description = "client time-out of one search")
        int timeoutSeconds;

        @Option(names = "--components-only", description = "only time MongoDB and Elasticsearch directly")
        boolean componentsOnly;

        @Option(names = "--no-components", description = "skip the direct MongoDB and Elasticsearch timings")
        boolean noComponents;

        @Override
        public Integer call() throws Exception {
            StackDescription stack = stack();
            SyntheticCorpus corpus = new SyntheticCorpus(5000, 5);
            try (SearchFixture fixture = new SearchFixture(stack)) {
                fixture.searchTimeout(Duration.ofSeconds(timeoutSeconds));
                ElasticsearchClient es = elasticsearch(stack);
                long docs = es.count(c -> c.index(MessageIndex.ALIAS)).count();
                System.out.printf("corpus: %d documents behind %s%n", docs, MessageIndex.ALIAS);
                if (componentsOnly) {
                    components(fixture, es, corpus);
                    return 0;
                }
                run(fixture, corpus, "user in 100K channels, channelId given", HEAVY_USER, Load.channel(7), queries);
                run(fixture, corpus, "user in 100K channels, no channelId", HEAVY_USER, null, queries);
                run(
                        fixture,
                        corpus,
                        "user in 10 channels, no channelId",
                        LIGHT_USER,
                        null,
                        lightQueries < 0 ? queries : lightQueries);
                if (!noComponents) {
                    components(fixture, es, corpus);
                }
            }
            return 0;
        }

        private void run(
                SearchFixture fixture, SyntheticCorpus corpus, String label, String user, String channel, int queries) {
            int warmup = Math.min(this.warmup, queries);
            SplittableRandom random = new SplittableRandom(label.hashCode());
            long[] millis = new long[queries];
            long hits = 0;
            for (int i = -warmup; i < queries; i++) {
                Map<String, String> params = new HashMap<>();
                params.put("q", query(corpus, random));
                if (channel != null) {
                    params.put("channelId", channel);
                }
                long begin = System.nanoTime();
                SearchFixture.Answer answer = fixture.search(user, params);
                long spent = (System.nanoTime() - begin) / 1_000_000;
                if (answer.status() != 200) {
                    throw new IllegalStateException(label + ": " + answer.status() + " " + answer.body());
                }
                if (i >= 0) {
                    millis[i] = spent;
                    hits += answer.messageIds().size();
                }
            }
            System.out.printf(
                    "GET /v1/search, %s: %s; mean hits per page %.1f%n",
                    label, LatencySummary.of(TimeUnit.MILLISECONDS, millis).text(), hits / (double) queries);
        }

        /** A one- or two-word query of words that are neither everywhere nor nowhere (frequency ranks 20-2000). */
        private static String query(SyntheticCorpus corpus, SplittableRandom random) {
            String first = corpus.word(20 + random.nextInt(1980));
            return random.nextInt(3) == 0 ? first + " " + corpus.word(20 + random.nextInt(200)) : first;
        }

        private void components(SearchFixture fixture, ElasticsearchClient es, SyntheticCorpus corpus)
                throws IOException {
            int samples = Math.max(5, queries / 10);
            long[] mongo = new long[samples];
            long[] search = new long[samples];
            SplittableRandom random = new SplittableRandom(9);
            List<String> channels = List.of();
            for (int i = 0; i < samples; i++) {
                long begin = System.nanoTime();
                channels = new ArrayList<>();
                for (Document d : fixture.mongo()
                        .getDatabase("chorus")
                        .getCollection("memberships")
                        .find(Filters.eq("userId", HEAVY_USER))
                        .projection(Projections.fields(Projections.include("channelId"), Projections.excludeId()))
                        .batchSize(10_000)) {
                    channels.add(d.getString("channelId"));
                }
                mongo[i] = (System.nanoTime() - begin) / 1_000_000;
                System.out.printf("  sample %d: MongoDB %d ms%n", i, mongo[i]);
                List<FieldValue> terms = channels.stream().map(FieldValue::of).toList();
                String q = query(corpus, random);
                begin = System.nanoTime();
                es.search(
                        s -> s.index(MessageIndex.ALIAS)
                                .size(20)
                                .query(x -> x.bool(b -> b.must(m -> m.match(mt ->
                                                mt.field(MessageIndex.TEXT).query(q)))
                                        .filter(f -> f.terms(t ->
                                                t.field(MessageIndex.CHANNEL_ID).terms(v -> v.value(terms)))))),
                        Void.class);
                search[i] = (System.nanoTime() - begin) / 1_000_000;
            }
            System.out.printf(
                    "of which: read %d channel ids from MongoDB: %s%n",
                    channels.size(),
                    LatencySummary.of(TimeUnit.MILLISECONDS, mongo).text());
            System.out.printf(
                    "of which: Elasticsearch search with a %d-term channel filter: %s%n",
                    channels.size(),
                    LatencySummary.of(TimeUnit.MILLISECONDS, search).text());
        }
    }
}
