package io.chorus.harness.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import io.chorus.common.auth.DevelopmentTokens;
import io.chorus.common.events.EventEnvelope;
import io.chorus.common.events.EventTypes;
import io.chorus.common.events.Subjects;
import io.chorus.common.events.UuidV7;
import io.chorus.common.nats.JetStreamLayout;
import io.chorus.common.routing.RoutingSubjects;
import io.chorus.harness.checker.LatencySummary;
import io.chorus.harness.client.Accepted;
import io.chorus.harness.client.ApiException;
import io.chorus.harness.client.ChorusClient;
import io.chorus.harness.client.Frame;
import io.chorus.harness.client.NotificationSocket;
import io.chorus.harness.client.RateLimitWait;
import io.chorus.harness.population.DirectMemberships;
import io.chorus.harness.stack.HttpJson;
import io.chorus.harness.stack.StackDescription;
import io.nats.client.Connection;
import io.nats.client.Dispatcher;
import io.nats.client.Nats;
import io.nats.client.Options;
import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.HdrHistogram.Histogram;

/**
 * Measures live delivery on a running stack: messages are sent through the Command Service
 * ({@code POST /v1/channels/{id}/messages}, asynchronous HTTP) at a fixed open-model rate (intended send times, so a
 * stall shows as latency), and received by real WebSocket clients. Per message it records the intended time, the
 * 202 time and every receipt; it reports send latency (intended send to 202) and delivery latency (intended send to
 * receipt on another member's socket, and 202 to receipt).
 */
public final class DeliveryBenchmark {
    private static final ObjectMapper JSON = new ObjectMapper()
            .registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

    /** Latencies up to 10 minutes are recorded exactly; an overloaded run must report, not crash. */
    private static final long HIGHEST_NANOS = 600_000_000_000L;
    /**
     * Senders: requests in flight at most (each a kept-alive connection). Unbounded asynchronous requests open a
     * connection each and, on a loaded machine, fail by the thousand; latency is still measured from
     * the intended send time, so a sender backlog shows as latency (no coordinated omission).
     */
    private static final int SENDERS = 64;

    private final StackDescription stack;
    private final PrintStream out;
    /** Monitoring endpoints of NATS (not the public API). */
    private final HttpJson http = new HttpJson(Duration.ofSeconds(30));
    /** A 429 is a failed send, counted, not waited out: the benchmark holds its rate. */
    private final ChorusClient client;

    private final DevelopmentTokens tokens;
    private final String runTag = UUID.randomUUID().toString().substring(0, 6);

    public DeliveryBenchmark(StackDescription stack, PrintStream out) {
        this.stack = stack;
        this.out = out;
        this.tokens = new DevelopmentTokens(stack.auth().hmacSecret());
        this.client =
                ChorusClient.of(stack).withRateLimitWait(RateLimitWait.NONE).withTimeout(Duration.ofSeconds(30));
    }

    /** A listener that records each event frame's envelope id with its arrival, as {@code user}'s receipt. */
    private static NotificationSocket.Listener receiptsOf(String user, ConcurrentLinkedQueue<Receipt> receipts) {
        return (frame, at) -> {
            if (frame instanceof Frame.Event event && event.eventId() != null) {
                receipts.add(new Receipt(event.eventId(), at, user));
            }
        };
    }

    /** What one sent message became: {@code acked} is when its 202 arrived (0: none). */
    private static final class Sent {
        final long intended;
        final String author;
        volatile long acked;

        Sent(long intended, String author) {
            this.intended = intended;
            this.author = author;
        }
    }

    /** Answers other than 202, by status (or exception), so a failed send is counted, never hidden. */
    private final Map<String, Integer> failedSends = new ConcurrentHashMap<>();

    private record Receipt(String messageId, long at, String user) {}

    /** Load: {@code sockets} users over the notification instances, {@code channels} channels, {@code rate} msg/s. */
    public Map<String, Object> load(int channels, int sockets, int rate, Duration duration, Duration warmup)
            throws Exception {
        try (Connection nats = connect();
                MongoClient mongo = MongoClients.create(stack.mongo().uri())) {
            DirectMemberships population = new DirectMemberships(mongo, nats.jetStream());
            JetStreamLayout.forConnection(nats).ensure(nats);
            List<String> channelIds = new ArrayList<>();
            Map<String, List<String>> members = new LinkedHashMap<>();
            for (int c = 0; c < channels; c++) {
                channelIds.add("bench-" + runTag + "-c" + c);
                members.put(channelIds.get(c), new ArrayList<>());
            }
            List<String> users = new ArrayList<>();
            for (int u = 0; u < sockets; u++) {
                String user = "bench-" + runTag + "-u" + u;
                users.add(user);
                members.get(channelIds.get(u % channels)).add(user);
            }
            for (Map.Entry<String, List<String>> channel : members.entrySet()) {
                population.join(channel.getKey(), channel.getValue());
            }
            out.printf("seeded %d channels, %d users%n", channels, sockets);

            ConcurrentLinkedQueue<Receipt> receipts = new ConcurrentLinkedQueue<>();
            List<NotificationSocket> open = new ArrayList<>();
            List<StackDescription.Endpoint> instances = stack.services().notification();
            Histogram connectToReady = new Histogram(HIGHEST_NANOS, 3);
            long connectStart = System.nanoTime();
            for (int wave = 0; wave < sockets; wave += 100) {
                List<NotificationSocket> waveSockets = new ArrayList<>();
                long waveStart = System.nanoTime();
                for (int u = wave; u < Math.min(sockets, wave + 100); u++) {
                    String user = users.get(u);
                    waveSockets.add(NotificationSocket.connect(
                            instances.get(u % instances.size()).ws(),
                            tokens.issue(user, false, Duration.ofHours(2)),
                            null,
                            receiptsOf(user, receipts)));
                }
                for (NotificationSocket socket : waveSockets) {
                    socket.awaitReady(Duration.ofSeconds(60));
                    connectToReady.recordValue(socket.readyAtNanos() - waveStart);
                }
                open.addAll(waveSockets);
            }
            out.printf(
                    "%d sockets ready in %d ms (in waves of 100)%n",
                    sockets, (System.nanoTime() - connectStart) / 1_000_000);
            Map<String, Object> subscriptions = subscriptions();

            Map<String, Sent> sent = publishAtRate(channelIds, members, rate, duration);
            int expectedPerMessage = sockets / channels;
            Thread.sleep(3_000); // let the last receipts arrive: they count, a late one shows as latency
            open.forEach(NotificationSocket::close);

            long warmupEnd = firstIntended(sent) + warmup.toNanos();
            Histogram ack = new Histogram(HIGHEST_NANOS, 3);
            Histogram fromAck = new Histogram(HIGHEST_NANOS, 3);
            Histogram fromIntended = new Histogram(HIGHEST_NANOS, 3);
            for (Sent s : sent.values()) {
                if (s.intended >= warmupEnd && s.acked > 0) {
                    ack.recordValue(s.acked - s.intended);
                }
            }
            Map<String, Integer> perMessage = new ConcurrentHashMap<>();
            long beforeTheirAccept = 0;
            for (Receipt r : receipts) {
                perMessage.merge(r.messageId(), 1, Integer::sum);
                Sent s = sent.get(r.messageId());
                // delivery latency is what another member sees: the author's own socket is not counted
                if (s != null
                        && s.intended >= warmupEnd
                        && s.acked > 0
                        && !r.user().equals(s.author)) {
                    fromAck.recordValue(Math.max(0, r.at() - s.acked));
                    fromIntended.recordValue(Math.max(0, r.at() - s.intended));
                    beforeTheirAccept += r.at() < s.acked ? 1 : 0;
                }
            }
            long missing = sent.keySet().stream()
                    .mapToLong(id -> Math.max(0, expectedPerMessage - perMessage.getOrDefault(id, 0)))
                    .sum();
            long extra = perMessage.values().stream()
                    .mapToLong(n -> Math.max(0, n - expectedPerMessage))
                    .sum();

            Map<String, Object> report = new LinkedHashMap<>();
            report.put("messages", sent.size());
            report.put("rate", rate);
            report.put("channels", channels);
            report.put("sockets", sockets);
            report.put("expectedDeliveries", (long) sent.size() * expectedPerMessage);
            report.put("receipts", receipts.size());
            report.put("missingDeliveries", missing);
            report.put("extraDeliveries", extra);
            report.put("failedSends", Map.copyOf(failedSends));
            report.put("sendIntendedTo202Ms", percentiles(ack));
            report.put("deliveryIntendedSendToReceiptMs", percentiles(fromIntended));
            report.put("delivery202ToReceiptMs", percentiles(fromAck));
            report.put("receiptsBeforeTheir202", beforeTheirAccept);
            report.put("natsEventSubscriptions", subscriptions);
            report.put("connectToReadyInWavesOf100Ms", percentiles(connectToReady));
            return report;
        }
    }

    /** A user in {@code bigChannels} channels and a user in 10 of them: connect-to-ready, then delivery to both. */
    public Map<String, Object> bigUser(int bigChannels, int rate, Duration duration) throws Exception {
        String big = "bench-" + runTag + "-big";
        String small = "bench-" + runTag + "-small";
        List<String> channelIds = new ArrayList<>();
        for (int c = 0; c < bigChannels; c++) {
            channelIds.add("bench-" + runTag + "-b" + c);
        }
        List<String> shared = channelIds.subList(0, 10);
        try (Connection nats = connect();
                MongoClient mongo = MongoClients.create(stack.mongo().uri())) {
            DirectMemberships population = new DirectMemberships(mongo, nats.jetStream());
            JetStreamLayout.forConnection(nats).ensure(nats);
            long seedStart = System.nanoTime();
            population.userIn(big, channelIds);
            population.userIn(small, shared);
            out.printf(
                    "seeded %d memberships in %d s%n",
                    bigChannels + 10, (System.nanoTime() - seedStart) / 1_000_000_000L);

            String ws = stack.services().notification().get(0).ws();
            List<Long> connectMs = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                long start = System.nanoTime();
                NotificationSocket probe = NotificationSocket.connect(
                        ws, tokens.issue(big, false, Duration.ofHours(1)), null, (frame, at) -> {});
                probe.awaitReady(Duration.ofMinutes(3));
                connectMs.add((probe.readyAtNanos() - start) / 1_000_000);
                probe.close();
                Thread.sleep(1_000);
            }
            out.printf("connect-to-ready for %s, a user in %d channels: %s ms%n", big, bigChannels, connectMs);

            ConcurrentLinkedQueue<Receipt> receipts = new ConcurrentLinkedQueue<>();
            NotificationSocket bigSocket = NotificationSocket.connect(
                    ws, tokens.issue(big, false, Duration.ofHours(1)), null, receiptsOf(big, receipts));
            NotificationSocket smallSocket = NotificationSocket.connect(
                    stack.services().notification().get(1).ws(),
                    tokens.issue(small, false, Duration.ofHours(1)),
                    null,
                    receiptsOf(small, receipts));
            bigSocket.awaitReady(Duration.ofMinutes(3));
            smallSocket.awaitReady(Duration.ofMinutes(1));
            Map<String, Object> subscriptions = subscriptions();

            Map<String, List<String>> targets = new LinkedHashMap<>();
            shared.forEach(c -> targets.put(c, List.of(big, small)));
            Map<String, Sent> sent = publishAtRate(shared, targets, rate, duration);
            Thread.sleep(3_000);
            bigSocket.close();
            smallSocket.close();

            Histogram bigLatency = new Histogram(HIGHEST_NANOS, 3);
            Histogram smallLatency = new Histogram(HIGHEST_NANOS, 3);
            int bigCount = 0;
            int smallCount = 0;
            for (Receipt r : receipts) {
                Sent s = sent.get(r.messageId());
                if (s == null || s.acked == 0) {
                    continue;
                }
                // from the intended send: the receipt often beats the 202 back to this client
                long latency = Math.max(0, r.at() - s.intended);
                if (r.user().equals(big)) {
                    bigLatency.recordValue(latency);
                    bigCount++;
                } else {
                    smallLatency.recordValue(latency);
                    smallCount++;
                }
            }
            Map<String, Object> report = new LinkedHashMap<>();
            report.put("bigUserChannels", bigChannels);
            report.put("connectToReadyMs", connectMs);
            report.put("messages", sent.size());
            report.put("bigUserReceipts", bigCount);
            report.put("smallUserReceipts", smallCount);
            report.put("failedSends", Map.copyOf(failedSends));
            report.put("bigUserIntendedSendToReceiptMs", percentiles(bigLatency));
            report.put("smallUserIntendedSendToReceiptMs", percentiles(smallLatency));
            report.put("natsEventSubscriptions", subscriptions);
            return report;
        }
    }

    /**
     * Sends round-robin over the channels at the rate, each message by a member of its channel through the Command
     * Service; returns every accepted message by its id (from the 202).
     */
    private Map<String, Sent> publishAtRate(
            List<String> channelIds, Map<String, List<String>> members, int rate, Duration duration) throws Exception {
        failedSends.clear();
        Map<String, Sent> sent = new ConcurrentHashMap<>();
        Map<String, String> authTokens = new HashMap<>();
        long period = 1_000_000_000L / rate;
        long total = duration.toSeconds() * rate;
        long start = System.nanoTime() + 100_000_000L;
        java.util.concurrent.ExecutorService senders = java.util.concurrent.Executors.newFixedThreadPool(SENDERS);
        try {
            for (long i = 0; i < total; i++) {
                long intended = start + i * period;
                long wait = intended - System.nanoTime();
                if (wait > 0) {
                    LockSupport.parkNanos(wait);
                }
                String channel = channelIds.get((int) (i % channelIds.size()));
                List<String> channelMembers = members.get(channel);
                String author = channelMembers.get((int) (i / channelIds.size() % channelMembers.size()));
                Sent s = new Sent(intended, author);
                String token = authTokens.computeIfAbsent(author, u -> tokens.issue(u, false, Duration.ofHours(2)));
                String clientMsgId = runTag + "-" + i;
                String text = "bench " + i;
                senders.execute(() -> send(token, channel, clientMsgId, text, s, sent));
            }
        } finally {
            senders.shutdown();
            senders.awaitTermination(5, TimeUnit.MINUTES);
        }
        out.printf("sent %d messages at %d/s: %d accepted, others %s%n", total, rate, sent.size(), failedSends);
        return sent;
    }

    private void send(String token, String channel, String clientMsgId, String text, Sent s, Map<String, Sent> sent) {
        try {
            Accepted accepted = client.sendMessage(token, channel, clientMsgId, text);
            s.acked = System.nanoTime();
            sent.put(accepted.messageId(), s);
        } catch (ApiException refused) {
            failedSends.merge(String.valueOf(refused.status()), 1, Integer::sum);
        } catch (Exception e) {
            failedSends.merge(e.getClass().getSimpleName(), 1, Integer::sum);
        }
    }

    /** NATS subscriptions of each notification instance other than the client library's request-reply inbox. */
    private Map<String, Object> subscriptions() throws Exception {
        Map<String, Object> byInstance = new LinkedHashMap<>();
        for (StackDescription.Endpoint instance : stack.services().notification()) {
            List<String> subjects = new ArrayList<>();
            for (String monitor : stack.nats().monitor()) {
                HttpJson.Answer connz = http.get(monitor + "/connz?subs=1&limit=4096", null);
                for (JsonNode connection : connz.json().path("connections")) {
                    if (instance.name().equals(connection.path("name").asText())) {
                        connection.path("subscriptions_list").forEach(s -> {
                            if (!s.asText().startsWith("_INBOX.")) {
                                subjects.add(s.asText());
                            }
                        });
                    }
                }
            }
            byInstance.put(instance.name(), subjects);
        }
        return byInstance;
    }

    /** How many inbox copies the fan-out published per message of a channel, by spying on the inboxes. */
    public Map<String, Object> publishesPerMessage() throws Exception {
        try (Connection nats = connect();
                MongoClient mongo = MongoClients.create(stack.mongo().uri())) {
            DirectMemberships population = new DirectMemberships(mongo, nats.jetStream());
            JetStreamLayout.forConnection(nats).ensure(nats);
            String oneInstance = "bench-" + runTag + "-one";
            String twoInstances = "bench-" + runTag + "-two";
            String a = "bench-" + runTag + "-pa";
            String b = "bench-" + runTag + "-pb";
            population.join(oneInstance, List.of(a));
            population.join(twoInstances, List.of(a, b));
            List<StackDescription.Endpoint> instances = stack.services().notification();
            NotificationSocket sa = NotificationSocket.connect(
                    instances.get(0).ws(), tokens.issue(a, false, Duration.ofHours(1)), null, (frame, at) -> {});
            NotificationSocket sb = NotificationSocket.connect(
                    instances.get(1).ws(), tokens.issue(b, false, Duration.ofHours(1)), null, (frame, at) -> {});
            sa.awaitReady(Duration.ofSeconds(30));
            sb.awaitReady(Duration.ofSeconds(30));
            Map<String, Object> subscriptionsWithOneUser = subscriptions();
            Map<String, Map<Long, Integer>> copies = new ConcurrentHashMap<>();
            Dispatcher spy = nats.createDispatcher(m -> {
                String seq = m.getHeaders() == null ? null : m.getHeaders().getFirst(RoutingSubjects.SEQ_HEADER);
                if (seq != null) {
                    copies.computeIfAbsent(
                                    m.getHeaders().getFirst(RoutingSubjects.CHANNEL_HEADER),
                                    k -> new ConcurrentHashMap<>())
                            .merge(Long.parseLong(seq), 1, Integer::sum);
                }
            });
            spy.subscribe(Subjects.INSTANCE_EVENTS_PREFIX + ">");
            nats.flush(Duration.ofSeconds(2));
            for (int i = 0; i < 100; i++) {
                for (String channel : List.of(oneInstance, twoInstances)) {
                    ObjectNode payload = JSON.createObjectNode().put("text", "count " + i);
                    nats.jetStream()
                            .publish(
                                    Subjects.message(channel),
                                    JSON.writeValueAsBytes(new EventEnvelope(
                                            UuidV7.generate(),
                                            EventTypes.MESSAGE_CREATED,
                                            channel,
                                            a,
                                            Instant.now(),
                                            payload)));
                }
            }
            Thread.sleep(2_000);
            sa.close();
            sb.close();
            Map<String, Object> report = new LinkedHashMap<>();
            report.put("natsEventSubscriptionsWithOneUserPerInstance", subscriptionsWithOneUser);
            for (String channel : List.of(oneInstance, twoInstances)) {
                Map<Long, Integer> perSeq = copies.getOrDefault(channel, Map.of());
                report.put(
                        channel.equals(oneInstance) ? "membersOn1Instance" : "membersOn2Instances",
                        Map.of(
                                "messages", perSeq.size(),
                                "minPublishes",
                                        perSeq.values().stream()
                                                .mapToInt(Integer::intValue)
                                                .min()
                                                .orElse(0),
                                "maxPublishes",
                                        perSeq.values().stream()
                                                .mapToInt(Integer::intValue)
                                                .max()
                                                .orElse(0)));
            }
            return report;
        }
    }

    private Connection connect() throws Exception {
        return Nats.connect(new Options.Builder()
                .servers(stack.nats().urls().toArray(String[]::new))
                .connectionName("bench-delivery")
                .build());
    }

    private static long firstIntended(Map<String, Sent> sent) {
        return sent.values().stream().mapToLong(s -> s.intended).min().orElse(0);
    }

    private static Map<String, Object> percentiles(Histogram h) {
        LatencySummary s = LatencySummary.of(h, TimeUnit.NANOSECONDS);
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("count", s.count());
        p.put("p50", s.p50());
        p.put("p95", s.p95());
        p.put("p99", s.p99());
        p.put("max", s.max());
        return p;
    }
}
