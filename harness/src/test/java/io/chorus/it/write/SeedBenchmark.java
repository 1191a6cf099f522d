package io.chorus.it.write;

import com.fasterxml.jackson.databind.JsonNode;
import io.chorus.common.nats.PermissionsBucket;
import io.chorus.common.paging.CursorSigner;
import io.chorus.harness.Poll;
import io.chorus.harness.client.ImportResult;
import io.chorus.harness.client.Response;
import io.chorus.harness.stack.RunFolder;
import io.chorus.harness.stack.StackDescription;
import io.chorus.it.StackFixture;
import io.nats.client.Connection;
import io.nats.client.KeyValue;
import io.nats.client.Nats;
import java.io.BufferedWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Random;

/**
 * Reproduces the numbers of docs/performance.md against a running stack (see that page for the command):
 * <ul>
 *   <li>{@code members N}: one channel with N members, imported through {@code POST /v1/admin/import}; timed until
 *       the last member may post (permissions bucket) and the Query Service counts N + 1 members.</li>
 *   <li>{@code channels N}: one user in N channels; timed until the user may post in the last one and
 *       {@code /v1/users/me/channels} pages through all N.</li>
 *   <li>{@code check K}: the membership check of the send path, K times: a {@code permissions} KV get (what the
 *       command service does on a cache miss), and a whole send (202) for comparison; p50 / p99.</li>
 *   <li>{@code member-pages N CHANNEL} and {@code channel-pages N USER PREFIX}: pages of 100 read from cursors at
 *       several depths of what {@code members} / {@code channels} seeded (they run these at their end too), p50 / p95
 *       per depth.</li>
 * </ul>
 */
public final class SeedBenchmark {
    /** Signs the cursors the page benchmarks start from. */
    private static CursorSigner cursors;

    private SeedBenchmark() {}

    public static void main(String[] args) throws Exception {
        if (args.length < 3) {
            System.err.println("usage: SeedBenchmark RUN_DIR members|population|channels|check N");
            System.exit(2);
        }
        RunFolder run = new RunFolder(Path.of(args[0]).toAbsolutePath());
        StackDescription stack = run.read().orElseThrow();
        StackFixture api = new StackFixture(stack);
        // the pages start at cursors made here, so they are signed with the query service's key (decision 0110)
        cursors = new CursorSigner(
                new com.fasterxml.jackson.databind.ObjectMapper(new com.fasterxml.jackson.dataformat.yaml.YAMLFactory())
                        .readTree(run.config("query.yml").toFile())
                        .path("pageCursorKey")
                        .asText());
        int n = Integer.parseInt(args[2]);
        switch (args[1]) {
            case "members" -> members(api, n);
            case "population" -> population(api, stack, n);
            case "channels" -> channels(api, n);
            case "check" -> check(api, stack, n);
            case "member-pages" -> memberPages(api, args[3], n);
            case "channel-pages" -> channelPages(api, args[3], args[4], n);
            default -> throw new IllegalArgumentException(args[1]);
        }
        // the fixture's shared NATS connection keeps non-daemon threads alive: without this the command never returns
        System.exit(0);
    }

    /**
     * What million-member.yaml seeds: N users (one line each, {@code users.imported} batches since decision 0060),
     * then one channel with all N as members. Timed to accepted, every user stored (the last user's document in
     * MongoDB; META is applied in order), permitted and queryable.
     */
    private static void population(StackFixture api, StackDescription stack, int n) throws Exception {
        String channel = StackFixture.id("pop");
        String prefix = StackFixture.id("p");
        Path file = Files.createTempFile("population-", ".ndjson");
        try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            for (int i = 0; i < n; i++) {
                out.write(
                        "{\"type\":\"user\",\"id\":\"" + prefix + user(i) + "\",\"displayName\":\"User " + i + "\"}\n");
            }
            out.write("{\"type\":\"channel\",\"id\":\"" + channel + "\",\"name\":\"Pop\",\"kind\":\"public\","
                    + "\"createdBy\":\"" + prefix + user(0) + "\"}\n");
            for (int i = 1; i < n; i++) {
                out.write("{\"type\":\"membership\",\"channelId\":\"" + channel + "\",\"userId\":\"" + prefix + user(i)
                        + "\"}\n");
            }
        }
        long start = System.nanoTime();
        JsonNode result = postImport(api, file);
        double accepted = seconds(start);
        System.out.printf("import of %,d users and their channel accepted after %.1f s: %s%n", n, accepted, result);
        double usersStored;
        try (com.mongodb.client.MongoClient mongo =
                com.mongodb.client.MongoClients.create(stack.mongo().uri())) {
            var users = mongo.getDatabase("chorus").getCollection("users");
            String lastUser = prefix + user(n - 1);
            Poll.until(
                    Duration.ofMinutes(30),
                    () -> users.find(new org.bson.Document("_id", lastUser)).first(),
                    d -> d != null);
            usersStored = seconds(start);
        }
        System.out.printf("every user stored after %.1f s%n", usersStored);
        String last = prefix + user(n - 1);
        Poll.until(
                Duration.ofMinutes(30), () -> api.sendMessage(last, channel, "seeded", "hi"), a -> a.status() == 202);
        double permitted = seconds(start);
        Poll.until(
                Duration.ofMinutes(30),
                () -> api.get("/v1/channels/" + channel, api.adminToken("root")),
                a -> a.status() == 200 && a.json().path("memberCount").asLong() == n);
        double counted = seconds(start);
        System.out.printf(
                "RESULT population=%d events=%d accepted_s=%.1f users_stored_s=%.1f permitted_s=%.1f "
                        + "queryable_s=%.1f%n",
                n, result.path("events").asLong(), accepted, usersStored, permitted, counted);
        Files.deleteIfExists(file);
    }

    private static void members(StackFixture api, int n) throws Exception {
        String channel = StackFixture.id("big");
        Path file = Files.createTempFile("members-", ".ndjson");
        try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            out.write("{\"type\":\"channel\",\"id\":\"" + channel + "\",\"name\":\"Big\",\"kind\":\"public\","
                    + "\"createdBy\":\"seed-owner\"}\n");
            for (int i = 0; i < n; i++) {
                out.write(
                        "{\"type\":\"membership\",\"channelId\":\"" + channel + "\",\"userId\":\"" + user(i) + "\"}\n");
            }
        }
        long start = System.nanoTime();
        JsonNode result = postImport(api, file);
        double accepted = seconds(start);
        System.out.printf(
                "import of %,d memberships accepted (every event acknowledged) after %.1f s: %s%n",
                n, accepted, result);
        String last = user(n - 1);
        Poll.until(
                Duration.ofMinutes(30), () -> api.sendMessage(last, channel, "seeded", "hi"), a -> a.status() == 202);
        double permitted = seconds(start);
        System.out.printf("last member may post (permissions KV) after %.1f s%n", permitted);
        Poll.until(
                Duration.ofMinutes(30),
                () -> api.get("/v1/channels/" + channel, api.adminToken("root")),
                a -> a.status() == 200 && a.json().path("memberCount").asLong() == n + 1L);
        double counted = seconds(start);
        System.out.printf("query service counts %,d members after %.1f s%n", n + 1, counted);
        System.out.printf(
                "RESULT members=%d accepted_s=%.1f permitted_s=%.1f queryable_s=%.1f%n",
                n, accepted, permitted, counted);
        Files.deleteIfExists(file);
        System.out.printf("again: SeedBenchmark RUN member-pages %d %s%n", n, channel);
        memberPages(api, channel, n);
    }

    private static void channels(StackFixture api, int n) throws Exception {
        String user = StackFixture.id("busy");
        String prefix = StackFixture.id("ch");
        Path file = Files.createTempFile("channels-", ".ndjson");
        try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            for (int i = 0; i < n; i++) {
                String channel = prefix + "-" + String.format("%07d", i);
                out.write("{\"type\":\"channel\",\"id\":\"" + channel + "\",\"name\":\"C" + i
                        + "\",\"kind\":\"private\",\"createdBy\":\"seed-owner\"}\n");
                out.write("{\"type\":\"membership\",\"channelId\":\"" + channel + "\",\"userId\":\"" + user + "\"}\n");
            }
        }
        long start = System.nanoTime();
        JsonNode result = postImport(api, file);
        double accepted = seconds(start);
        System.out.printf("import of %,d channels with one member accepted after %.1f s: %s%n", n, accepted, result);
        String last = prefix + "-" + String.format("%07d", n - 1);
        Poll.until(Duration.ofMinutes(30), () -> api.sendMessage(user, last, "seeded", "hi"), a -> a.status() == 202);
        double permitted = seconds(start);
        System.out.printf("user may post in the last channel after %.1f s%n", permitted);
        Poll.until(
                Duration.ofMinutes(30),
                () -> api.get("/v1/channels/" + last, api.token(user)),
                a -> a.status() == 200 && a.json().path("memberCount").asLong() == 2);
        double queryable = seconds(start);
        // printed before the paging, which can fail on its own (a page past the first timed out after a population)
        System.out.printf(
                "RESULT channels=%d accepted_s=%.1f permitted_s=%.1f queryable_s=%.1f%n",
                n, accepted, permitted, queryable);
        System.out.printf("again: SeedBenchmark RUN channel-pages %d %s %s%n", n, user, prefix);
        long pagingStart = System.nanoTime();
        int seen = 0;
        int pages = 0;
        String cursor = null;
        do {
            JsonNode page = api.get(
                            "/v1/users/me/channels?limit=1000" + (cursor == null ? "" : "&cursor=" + cursor),
                            api.token(user))
                    .json();
            seen += page.path("items").size();
            pages++;
            cursor = page.path("nextCursor").asText(null);
        } while (cursor != null);
        double paging = seconds(pagingStart);
        System.out.printf(
                "query service sees the last channel after %.1f s; paging all %,d of the user's channels "
                        + "(%d pages of 1000) took %.1f s%n",
                queryable, seen, pages, paging);
        System.out.printf(
                "RESULT channels=%d accepted_s=%.1f permitted_s=%.1f queryable_s=%.1f paged=%d paging_s=%.1f%n",
                n, accepted, permitted, queryable, seen, paging);
        Files.deleteIfExists(file);
        channelPages(api, user, prefix, n);
    }

    private static void check(StackFixture api, StackDescription stack, int k) throws Exception {
        String channel = StackFixture.id("check");
        api.createChannel("owner", channel, "public", "poster");
        api.awaitChannel(channel, "owner", 2);
        long[] kv = new long[k];
        long[] send = new long[k];
        Random random = new Random(1);
        try (Connection nats = Nats.connect(stack.nats().urls().get(0))) {
            KeyValue bucket = nats.keyValue(PermissionsBucket.NAME);
            for (int i = 0; i < k; i++) {
                String key = random.nextBoolean()
                        ? PermissionsBucket.membershipKey(channel, "poster")
                        : PermissionsBucket.membershipKey(channel, "stranger" + i);
                long t = System.nanoTime();
                bucket.get(key);
                kv[i] = System.nanoTime() - t;
            }
        }
        for (int i = 0; i < k; i++) {
            long t = System.nanoTime();
            Response a = api.sendMessage("poster", channel, "c" + i, "x");
            send[i] = System.nanoTime() - t;
            if (a.status() != 202) {
                throw new IllegalStateException("send refused: " + a);
            }
        }
        System.out.printf(
                "RESULT check=%d kv_get_p50_ms=%.2f kv_get_p99_ms=%.2f send_p50_ms=%.2f send_p99_ms=%.2f%n",
                k, percentile(kv, 50), percentile(kv, 99), percentile(send, 50), percentile(send, 99));
        printTimers(stack.services().command().admin());
    }

    /**
     * The command service's own timers around the permission check (TimedPermissions): as the send path pays it
     * (cache included) and the bucket reads behind it. Dropwizard's timers are exponentially decaying reservoirs:
     * their quantiles describe about the last five minutes, i.e. this burst.
     */
    private static void printTimers(String admin) throws Exception {
        HttpResponse<String> metrics = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create(admin + "/metrics"))
                                .GET()
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        JsonNode timers = StackFixture.JSON.readTree(metrics.body()).path("timers");
        for (String name : new String[] {
            "permissions.check.role", "permissions.check.kind", "permissions.bucket.role", "permissions.bucket.kind"
        }) {
            JsonNode t = timers.path(name);
            double toMillis = "seconds".equals(t.path("duration_units").asText()) ? 1000 : 1;
            System.out.printf(
                    "RESULT timer=%s count=%d p50_ms=%.3f p95_ms=%.3f p99_ms=%.3f max_ms=%.3f%n",
                    name,
                    t.path("count").asLong(),
                    t.path("p50").asDouble() * toMillis,
                    t.path("p95").asDouble() * toMillis,
                    t.path("p99").asDouble() * toMillis,
                    t.path("max").asDouble() * toMillis);
        }
    }

    /** Fractions of the list at which a page starts; 0 is the first page (no cursor). */
    private static final double[] DEPTHS = {0, 0.25, 0.5, 0.75, 0.99};

    private static final int PAGE_SAMPLES = Integer.getInteger("pages.samples", 10);
    /** A depth whose page takes longer than this is sampled no further (it would take the run's whole time). */
    private static final Duration SLOW_PAGE = Duration.ofSeconds(20);

    private static void memberPages(StackFixture api, String channel, int n) {
        pageDepths(
                api,
                "members",
                "members:" + channel,
                "/v1/channels/" + channel + "/members?limit=100",
                api.token(user(n - 1)),
                depth -> user((int) (depth * (n - 1))));
    }

    private static void channelPages(StackFixture api, String user, String prefix, int n) {
        pageDepths(
                api,
                "channels",
                "channels:" + user,
                "/v1/users/me/channels?limit=100",
                api.token(user),
                depth -> prefix + "-" + String.format("%07d", (int) (depth * (n - 1))));
    }

    /**
     * Reads pages starting after the key found at each depth of the seeded ids, {@link #PAGE_SAMPLES} times, and prints
     * p50 / p95. The cursors are bucket walks (decision 0081): the key at a depth of the ids is somewhere in the walk.
     */
    private static void pageDepths(
            StackFixture api,
            String what,
            String scope,
            String path,
            String token,
            java.util.function.DoubleFunction<String> keyAt) {
        for (double depth : DEPTHS) {
            String cursor = depth == 0 ? null : cursors.sign(scope, "v2:buckets:" + keyAt.apply(depth));
            long[] took = new long[PAGE_SAMPLES];
            int taken = 0;
            int items = -1;
            while (taken < PAGE_SAMPLES) {
                long t = System.nanoTime();
                Response page;
                try {
                    page = api.get(path + (cursor == null ? "" : "&cursor=" + cursor), token);
                } catch (java.io.UncheckedIOException timedOut) {
                    System.out.printf(
                            "RESULT pages=%s depth=%.2f no answer within the client's 60 s: %s%n",
                            what, depth, timedOut.getCause());
                    break;
                }
                took[taken++] = System.nanoTime() - t;
                if (page.status() != 200) {
                    throw new IllegalStateException(what + " page refused: " + page);
                }
                items = page.json().path("items").size();
                if (Duration.ofNanos(took[taken - 1]).compareTo(SLOW_PAGE) > 0) {
                    break;
                }
            }
            if (taken == 0) {
                continue;
            }
            long[] samples = Arrays.copyOf(took, taken);
            System.out.printf(
                    "RESULT pages=%s depth=%.2f items=%d n=%d p50_ms=%.1f p95_ms=%.1f max_ms=%.1f%n",
                    what,
                    depth,
                    items,
                    taken,
                    percentile(samples, 50),
                    percentile(samples, 95),
                    Arrays.stream(samples).max().orElse(0) / 1e6);
        }
    }

    private static JsonNode postImport(StackFixture api, Path file) throws Exception {
        ImportResult result = api.client()
                .withTimeout(Duration.ofMinutes(30))
                .bulkImport(api.adminToken("root"), Files.readAllBytes(file));
        return StackFixture.JSON.valueToTree(result);
    }

    private static String user(int i) {
        return String.format("u%07d", i);
    }

    private static double seconds(long since) {
        return (System.nanoTime() - since) / 1e9;
    }

    private static double percentile(long[] nanos, double p) {
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        int index = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, index))] / 1e6;
    }
}
