package io.chorus.workers.nats;

import com.codahale.metrics.MetricRegistry;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.chorus.common.events.Subjects;
import io.chorus.common.nats.ManagedNatsConnection;
import io.chorus.common.nats.PermissionsBucket;
import io.chorus.common.nats.worker.FailureKind;
import io.chorus.common.nats.worker.Failures;
import io.chorus.common.nats.worker.InPlaceRetry;
import io.chorus.common.nats.worker.PullWorker;
import io.chorus.common.nats.worker.RetryPolicy;
import io.chorus.common.nats.worker.Settlement;
import io.chorus.workers.core.BatchSizer;
import io.chorus.workers.core.ChannelCreations;
import io.chorus.workers.core.MetaEvent;
import io.chorus.workers.db.MongoMetaStore;
import io.chorus.workers.rebuild.WriterPause;
import io.nats.client.Connection;
import io.nats.client.Message;
import io.nats.client.api.AckPolicy;
import io.nats.client.api.ConsumerConfiguration;
import io.nats.client.api.DeliverPolicy;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The meta writer: a durable pull consumer on {@code META} (at-least-once) that applies each pulled batch to
 * MongoDB and to the {@code permissions} bucket side by side, then acks it. One pull loop keeps the stream's order (a
 * removal is never applied before the add it follows); the parallelism is inside each batch's bulk writes.
 *
 * <p>A malformed event is poison: dead-lettered at once. A batch whose writes fail is retried event by event, in
 * stream order and in place (decision 0120): the failing event is held and tried again with a growing delay while
 * every event behind it waits, its ack deadline kept alive, so no later event of its channel can overtake it. A store
 * or backbone that does not answer is waited out however long it takes; an error the store answers with is retried
 * for the configured window (longer than an engine restart, whose errors look like that), then dead-lettered.
 */
public final class MetaWriter implements PullWorker.Handler {
    private static final Logger LOG = LoggerFactory.getLogger(MetaWriter.class);
    public static final String DURABLE = "meta-writer";
    /**
     * KV writes in flight at once. A batch of 64 import events is 64,000 writes; sent all at once, the tail's acks
     * come back after the client has given up on them (jnats cancels an async publish whose ack is late), the batch
     * fails and is retried event by event, and a 1M-member import stalls (decision 0012).
     */
    static final int KV_WINDOW = 1_000;

    private final ManagedNatsConnection nats;
    private final MongoMetaStore store;
    private final ObjectMapper json;
    private final Settlement settlement;
    private final BatchSizer sizer;
    private final AtomicLong applied = new AtomicLong();
    /** Writes a batch's KV changes while the pull loop's thread writes its documents (decision 0073). */
    private final ExecutorService permissionWriter;
    /** Held by a rebuild of the metadata stores, which no live batch may interleave with (decision 0140). */
    private final WriterPause pause;

    private InPlaceRetry retry;

    /**
     * @param batchSize the fewest events a pull asks for; {@code maxBatchEvents} the most; between them the count
     *                  keeps a batch near {@code batchDocuments} memberships ({@link BatchSizer})
     * @param retry     how a failing event is retried in place (decision 0120)
     * @param takeTurns whether several instances share the durable consumer: then at most one batch is
     *                  unacknowledged across all of them, so the next batch goes out only once the last is applied
     *                  and the stream's order holds across instances (decision 0222)
     */
    public record Settings(
            int batchSize,
            int maxBatchEvents,
            long batchDocuments,
            Duration fetchWait,
            Duration ackWait,
            RetryPolicy retry,
            boolean takeTurns) {
        /** Retried events wait 200 ms, doubling, at most 10 s; a store's error answers for 10 minutes (0120). */
        public static final Duration RETRY_FIRST = Duration.ofMillis(200);

        public static final Duration RETRY_MAX = Duration.ofSeconds(10);
        public static final Duration RETRY_WINDOW = Duration.ofMinutes(10);

        public static Settings defaults() {
            // ceiling = floor: sizing by memberships stays off until fetches are bounded by bytes (decision 0015:
            // after 1M one-membership events the sizer asked for 2,000 events of 1,000 members and the 256 MB
            // meta writer ran out of heap)
            return new Settings(
                    64,
                    64,
                    64_000,
                    Duration.ofMillis(500),
                    Duration.ofSeconds(60),
                    retryPolicy(RETRY_FIRST, RETRY_MAX, RETRY_WINDOW),
                    false);
        }

        /**
         * The durable consumer's bound on delivered, unacknowledged events. One instance pulls one batch at a time
         * anyway, and a wide bound lets events that reached its subscription after a pull ended wait there. Instances
         * taking turns get exactly one batch: a second instance's pull is served only after the first's batch is
         * acked, and a batch held by an instance that died comes again (to any instance) after {@code ackWait}.
         */
        public long maxAckPending() {
            return takeTurns ? maxBatchEvents : Math.max(10_000, maxBatchEvents * 4L);
        }

        /** The policy that retries a refused event for at least {@code window}. */
        public static RetryPolicy retryPolicy(Duration first, Duration max, Duration window) {
            return new RetryPolicy(first, max, RetryPolicy.attemptsSpanning(first, max, window));
        }
    }

    private MetaWriter(
            ManagedNatsConnection nats,
            MongoMetaStore store,
            ObjectMapper json,
            Settings settings,
            Settlement settlement,
            ExecutorService permissionWriter,
            WriterPause pause) {
        this.nats = nats;
        this.pause = pause;
        this.store = store;
        this.json = json;
        this.settlement = settlement;
        this.permissionWriter = permissionWriter;
        this.sizer = new BatchSizer(settings.batchSize(), settings.maxBatchEvents(), settings.batchDocuments());
    }

    /**
     * The meta writer's pull worker (one thread: the stream's order). Before its first pull it opens the store and
     * brings the durable consumer to its configuration.
     *
     * @param permissionWriter one thread (a managed executor) for the KV writes
     */
    public static PullWorker worker(
            ManagedNatsConnection nats,
            MongoMetaStore store,
            ObjectMapper json,
            Settings settings,
            MetricRegistry metrics,
            ExecutorService permissionWriter) {
        return worker(nats, store, json, settings, metrics, permissionWriter, new WriterPause());
    }

    /** @param pause held by a rebuild of these stores: each batch waits while it is held */
    public static PullWorker worker(
            ManagedNatsConnection nats,
            MongoMetaStore store,
            ObjectMapper json,
            Settings settings,
            MetricRegistry metrics,
            ExecutorService permissionWriter,
            WriterPause pause) {
        Settlement settlement =
                new Settlement(Subjects.META_STREAM, DURABLE, nats::connection, settings.retry(), metrics);
        MetaWriter writer = new MetaWriter(nats, store, json, settings, settlement, permissionWriter, pause);
        PullWorker worker = new PullWorker(
                nats::connection,
                PullWorker.bind(Subjects.META_STREAM, DURABLE),
                new PullWorker.Settings(DURABLE, 1, PullWorker.Pull.BATCH, writer.sizer::next, settings.fetchWait()),
                writer,
                () -> {
                    store.open();
                    nats.connection()
                            .jetStreamManagement()
                            .addOrUpdateConsumer(
                                    Subjects.META_STREAM,
                                    ConsumerConfiguration.builder()
                                            .durable(DURABLE)
                                            .ackPolicy(AckPolicy.Explicit)
                                            .deliverPolicy(DeliverPolicy.All)
                                            .ackWait(settings.ackWait())
                                            .maxAckPending(settings.maxAckPending())
                                            .build());
                });
        writer.retry = InPlaceRetry.sleeping(
                settings.retry(), e -> Failures.classify(e, MetaWriter::isOutage), worker::running);
        return worker;
    }

    /** Events applied since start (for health and tests). */
    public long applied() {
        return applied.get();
    }

    @Override
    public void handle(List<Message> batch) throws Exception {
        sizer.observe(batch.size(), pause.between(() -> batch.forEach(Message::inProgress), () -> process(batch)));
    }

    /** Applies a batch; answers the memberships (permission changes) and imported users its events carried. */
    long process(List<Message> batch) throws Exception {
        List<Held> held = new ArrayList<>(batch.size());
        for (Message message : batch) {
            try {
                held.add(new Held(message, MetaEvent.decode(json, message.getData())));
            } catch (MetaEvent.Malformed e) {
                settlement.deadLetter(message, e.getMessage());
            }
        }
        try {
            held = refuseLateCreations(held);
        } catch (Exception e) {
            // the existence reads failed (an outage): the whole batch comes again, nothing applied yet
            LOG.warn("could not check the batch's channel creations ({}); retrying it", e.toString());
            held.forEach(h -> h.message().nak());
            return 0;
        }
        if (held.isEmpty()) {
            return 0;
        }
        try {
            long documents = apply(
                    held.stream().map(Held::event).toList(),
                    held.stream().map(Held::message).toList());
            held.forEach(h -> settlement.ack(h.message()));
            applied.addAndGet(held.size());
            return documents;
        } catch (Exception batchFailure) {
            LOG.warn(
                    "batch of {} META events failed ({}); retrying one by one, in order",
                    held.size(),
                    batchFailure.toString());
            return oneByOne(held);
        }
    }

    /** An event of the batch being applied, and the message it came in. */
    private record Held(Message message, MetaEvent event) {}

    /**
     * Applies the events one after another, each retried in place until it is applied or given up on; while one is
     * retried, it and every event behind it are kept from redelivery (their ack deadline is renewed).
     */
    private long oneByOne(List<Held> held) throws InterruptedException {
        long[] documents = {0};
        int[] settled = {0};
        retry.eachInOrder(
                held,
                h -> {
                    // an attempt may take as long as the store's timeouts: every held event's deadline is renewed first
                    held.subList(settled[0], held.size())
                            .forEach(w -> w.message().inProgress());
                    documents[0] += apply(List.of(h.event()), List.of(h.message()));
                },
                new InPlaceRetry.Observer<>() {
                    @Override
                    public void applied(Held h) {
                        settlement.ack(h.message());
                        applied.incrementAndGet();
                        settled[0]++;
                    }

                    @Override
                    public void gaveUp(Held h, FailureKind kind, Exception failure) {
                        settlement.deadLetter(h.message(), kind + " for the whole retry window: " + failure);
                        settled[0]++;
                    }

                    @Override
                    public void retrying(Held h, long attempt, Duration delay, Exception failure) {
                        LOG.warn(
                                "META seq {} failed (attempt {}), held with {} behind it, again in {} ms: {}",
                                h.message().metaData().streamSequence(),
                                attempt,
                                held.size() - settled[0] - 1,
                                delay.toMillis(),
                                failure.toString());
                        settlement.retriedInPlace();
                        held.subList(settled[0], held.size())
                                .forEach(w -> w.message().inProgress());
                    }
                });
        return documents[0];
    }

    /**
     * Dead-letters, and takes out of the batch, each {@code channel.created} that comes late for a channel someone
     * else created (decision 0100). The store is asked only about channels whose kind the permissions bucket holds:
     * a new channel, the common case, costs one pipelined key read and no MongoDB read.
     */
    private List<Held> refuseLateCreations(List<Held> held) throws Exception {
        List<MetaEvent> events = held.stream().map(Held::event).toList();
        Set<String> named = ChannelCreations.named(events);
        if (named.isEmpty()) {
            return held;
        }
        Set<String> existing = withKind(named);
        Map<Integer, String> late =
                ChannelCreations.late(events, existing.isEmpty() ? Map.of() : store.creations(existing));
        if (late.isEmpty()) {
            return held;
        }
        List<Held> kept = new ArrayList<>(held.size());
        for (int i = 0; i < held.size(); i++) {
            String refusal = late.get(i);
            if (refusal == null) {
                kept.add(held.get(i));
            } else {
                settlement.deadLetter(held.get(i).message(), refusal);
            }
        }
        return kept;
    }

    /** The channels among {@code channelIds} whose kind the permissions bucket holds: direct gets, side by side. */
    private Set<String> withKind(Set<String> channelIds) throws Exception {
        Connection connection = nats.connection();
        Map<String, CompletableFuture<Message>> replies = new LinkedHashMap<>();
        for (String channelId : channelIds) {
            replies.put(
                    channelId,
                    connection.requestWithTimeout(
                            PermissionsBucket.directGetSubject(PermissionsBucket.channelKey(channelId)),
                            null,
                            new byte[0],
                            Duration.ofSeconds(30)));
        }
        Set<String> existing = new HashSet<>();
        for (Map.Entry<String, CompletableFuture<Message>> reply : replies.entrySet()) {
            if (PermissionsBucket.directGetValue(reply.getValue().get(30, TimeUnit.SECONDS))
                    .isPresent()) {
                existing.add(reply.getKey());
            }
        }
        return existing;
    }

    /**
     * Applies events to the store and their permission changes to the KV side by side (decision 0073); answers how
     * many changes it wrote plus the imported users (the weight {@link BatchSizer} sizes by). Returns only when both
     * are durable, so the caller acks a batch only then; a failure of either fails the batch, which is retried.
     */
    private long apply(List<MetaEvent> events, List<Message> messages) throws Exception {
        Runnable heartbeat = () -> messages.forEach(Message::inProgress);
        PermissionWriter writer = new PermissionWriter(nats.connection());
        Future<Long> permissions = permissionWriter.submit(() -> writer.write(events, heartbeat));
        try {
            store.apply(events, heartbeat);
        } catch (Exception storeFailure) {
            // the retry rewrites these keys in order: this attempt's puts must all be answered first, or one of them
            // could land after the retry's and leave an older value (a member put after its removal)
            awaitQuietly(permissions);
            throw storeFailure;
        }
        long written = awaitResult(permissions);
        // an imported user is a document but no KV write: counted too, so a run of users.imported events (1,000
        // documents each) never looks light to the sizer (decision 0015's heap exhaustion, decision 0060)
        for (MetaEvent event : events) {
            if (event instanceof MetaEvent.UsersImported imported) {
                written += imported.users().size();
            }
        }
        return written;
    }

    private static long awaitResult(Future<Long> permissions) throws Exception {
        try {
            return permissions.get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof Exception cause) {
                throw cause;
            }
            throw e;
        }
    }

    private static void awaitQuietly(Future<Long> permissions) {
        try {
            permissions.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException e) {
            LOG.debug(
                    "permission writes of a failed batch failed too: {}",
                    e.getCause().toString());
        }
    }

    /** A store or backbone that does not answer: retried for as long as it takes, never dead-lettered. */
    static boolean isOutage(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof com.mongodb.MongoSocketException
                    || t instanceof com.mongodb.MongoTimeoutException
                    || t instanceof java.util.concurrent.TimeoutException
                    || t instanceof java.io.IOException
                    || t instanceof com.mongodb.MongoNotPrimaryException) {
                return true;
            }
        }
        return false;
    }
}
