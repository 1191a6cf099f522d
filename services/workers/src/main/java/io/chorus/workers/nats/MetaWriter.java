package io.chorus.workers.nats;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.chorus.common.events.Subjects;
import io.chorus.common.nats.DeadLetters;
import io.chorus.common.nats.ManagedNatsConnection;
import io.chorus.common.nats.PermissionsBucket;
import io.chorus.workers.core.BatchSizer;
import io.chorus.workers.core.ChannelCreations;
import io.chorus.workers.core.MetaEvent;
import io.chorus.workers.db.MongoMetaStore;
import io.dropwizard.lifecycle.Managed;
import io.nats.client.Connection;
import io.nats.client.JetStream;
import io.nats.client.JetStreamSubscription;
import io.nats.client.Message;
import io.nats.client.PullSubscribeOptions;
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
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The meta writer: a durable pull consumer on {@code META} (at-least-once) that applies each fetched batch to
 * MongoDB and to the {@code permissions} bucket side by side, then acks it. One fetch loop keeps the stream's order (a
 * removal is never applied before the add it follows); the parallelism is inside each batch's bulk writes.
 *
 * <p>A malformed event is nak'd until its {@code maxDeliveries}-th delivery, then dead-lettered and acked. A batch
 * whose writes fail is retried event by event, so one event the store refuses cannot hold the others back; a
 * store that is down stalls the writer (nothing is dead-lettered for an outage) until it is back.
 */
public final class MetaWriter implements Managed {
    private static final Logger LOG = LoggerFactory.getLogger(MetaWriter.class);
    public static final String DURABLE = "meta-writer";
    /**
     * KV writes in flight at once. A batch of 64 import events is 64,000 writes; sent all at once, the tail's acks
     * came back after the client had given up on them (jnats cancels an async publish whose ack is late), the batch
     * failed and was retried event by event (measured: a 1M-member import stalled that way, decision 0012).
     */
    static final int KV_WINDOW = 1_000;

    private final ManagedNatsConnection nats;
    private final MongoMetaStore store;
    private final ObjectMapper json;
    private final Settings settings;
    private final AtomicLong applied = new AtomicLong();
    /** Writes a batch's KV changes while the fetch loop's thread writes its documents (decision 0073). */
    private final ExecutorService permissionWriter = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "meta-writer-permissions");
        t.setDaemon(true);
        return t;
    });
    private volatile boolean running;
    private Thread loop;

    /**
     * @param batchSize the fewest events a fetch asks for; {@code maxBatchEvents} the most; between them the count
     *                  keeps a batch near {@code batchDocuments} memberships ({@link BatchSizer})
     * @param maxDeliveries the delivery on which a poison event is dead-lettered
     */
    public record Settings(int batchSize, int maxBatchEvents, long batchDocuments, Duration fetchWait,
                           int maxDeliveries, Duration ackWait, Duration retryDelay) {
        public static Settings defaults() {
            // ceiling = floor: sizing by memberships stays off until fetches are bounded by bytes (decision 0015:
            // after 1M one-membership events the sizer asked for 2,000 events of 1,000 members and the 256 MB
            // meta writer ran out of heap)
            return new Settings(64, 64, 64_000, Duration.ofMillis(500), 3, Duration.ofSeconds(60),
                    Duration.ofMillis(200));
        }
    }

    public MetaWriter(ManagedNatsConnection nats, MongoMetaStore store, ObjectMapper json, Settings settings) {
        this.nats = nats;
        this.store = store;
        this.json = json;
        this.settings = settings;
    }

    @Override
    public void start() throws Exception {
        store.open();
        nats.connection().jetStreamManagement().addOrUpdateConsumer(Subjects.META_STREAM, ConsumerConfiguration.builder()
                .durable(DURABLE)
                .ackPolicy(AckPolicy.Explicit)
                .deliverPolicy(DeliverPolicy.All)
                .ackWait(settings.ackWait())
                .maxAckPending(Math.max(10_000, settings.maxBatchEvents() * 4))
                .build());
        running = true;
        loop = new Thread(this::run, "meta-writer");
        loop.setDaemon(true);
        loop.start();
    }

    @Override
    public void stop() throws Exception {
        running = false;
        if (loop != null) {
            loop.join(Duration.ofSeconds(10).toMillis());
        }
        permissionWriter.shutdown();
    }

    /** Events applied since start (for health and tests). */
    public long applied() {
        return applied.get();
    }

    private void run() {
        BatchSizer sizer = new BatchSizer(settings.batchSize(), settings.maxBatchEvents(), settings.batchDocuments());
        JetStreamSubscription subscription = null;
        while (running) {
            try {
                if (subscription == null) {
                    subscription = nats.connection().jetStream().subscribe(null,
                            PullSubscribeOptions.bind(Subjects.META_STREAM, DURABLE));
                }
                List<Message> batch = subscription.fetch(sizer.next(), settings.fetchWait());
                if (!batch.isEmpty()) {
                    sizer.observe(batch.size(), process(batch));
                }
            } catch (Exception e) {
                LOG.warn("meta writer fetch failed, retrying: {}", e.toString());
                subscription = null;
                pause(Duration.ofSeconds(1));
            }
        }
    }

    /** Applies a batch; answers the memberships (permission changes) and imported users its events carried. */
    long process(List<Message> batch) throws Exception {
        JetStream js = nats.connection().jetStream();
        DeadLetters deadLetters = new DeadLetters(js, DURABLE, Duration.ofSeconds(5));
        List<Message> good = new ArrayList<>(batch.size());
        List<MetaEvent> events = new ArrayList<>(batch.size());
        for (Message message : batch) {
            try {
                events.add(MetaEvent.decode(json, message.getData()));
                good.add(message);
            } catch (MetaEvent.Malformed e) {
                reject(message, e.getMessage(), deadLetters);
            }
        }
        try {
            refuseLateCreations(events, good, deadLetters);
        } catch (Exception e) {
            // the existence reads failed (an outage): the whole batch comes again, nothing applied yet
            LOG.warn("could not check the batch's channel creations ({}); retrying it", e.toString());
            good.forEach(this::nak);
            return 0;
        }
        if (events.isEmpty()) {
            return 0;
        }
        long documents = 0;
        try {
            documents = apply(events, good);
            good.forEach(Message::ack);
            applied.addAndGet(events.size());
        } catch (Exception batchFailure) {
            LOG.warn("batch of {} META events failed ({}); retrying one by one", events.size(), batchFailure.toString());
            for (int i = 0; i < events.size(); i++) {
                try {
                    documents += apply(List.of(events.get(i)), List.of(good.get(i)));
                    good.get(i).ack();
                    applied.incrementAndGet();
                } catch (Exception e) {
                    if (isOutage(e)) {
                        nak(good.get(i));
                    } else {
                        reject(good.get(i), e.toString(), deadLetters);
                    }
                }
            }
        }
        return documents;
    }

    /**
     * Dead-letters, and takes out of the batch, each {@code channel.created} that comes late for a channel someone
     * else created (decision 0100). The store is asked only about channels whose kind the permissions bucket holds:
     * a new channel, the common case, costs one pipelined key read and no MongoDB read.
     */
    private void refuseLateCreations(List<MetaEvent> events, List<Message> messages, DeadLetters deadLetters)
            throws Exception {
        Set<String> named = ChannelCreations.named(events);
        if (named.isEmpty()) {
            return;
        }
        Set<String> existing = withKind(named);
        Map<Integer, String> late = ChannelCreations.late(events,
                existing.isEmpty() ? Map.of() : store.creations(existing));
        List<Integer> indexes = new ArrayList<>(late.keySet());
        for (int i = indexes.size() - 1; i >= 0; i--) {
            int index = indexes.get(i);
            Message message = messages.remove(index);
            events.remove(index);
            LOG.warn("dead-lettering META seq {}: {}", message.metaData().streamSequence(), late.get(index));
            deadLetters.deadLetter(message, late.get(index));
        }
    }

    /** The channels among {@code channelIds} whose kind the permissions bucket holds: direct gets, side by side. */
    private Set<String> withKind(Set<String> channelIds) throws Exception {
        Connection connection = nats.connection();
        Map<String, CompletableFuture<Message>> replies = new LinkedHashMap<>();
        for (String channelId : channelIds) {
            replies.put(channelId, connection.requestWithTimeout(
                    PermissionsBucket.directGetSubject(PermissionsBucket.channelKey(channelId)), null, new byte[0],
                    Duration.ofSeconds(30)));
        }
        Set<String> existing = new HashSet<>();
        for (Map.Entry<String, CompletableFuture<Message>> reply : replies.entrySet()) {
            if (PermissionsBucket.directGetValue(reply.getValue().get(30, TimeUnit.SECONDS)).isPresent()) {
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
            LOG.debug("permission writes of a failed batch failed too: {}", e.getCause().toString());
        }
    }

    /** Retries a failing event later, or dead-letters it on its last allowed delivery. */
    private void reject(Message message, String error, DeadLetters deadLetters) {
        try {
            long deliveries = message.metaData().deliveredCount();
            if (deliveries >= settings.maxDeliveries()) {
                LOG.warn("dead-lettering META seq {} after {} deliveries: {}", message.metaData().streamSequence(),
                        deliveries, error);
                deadLetters.deadLetter(message, error);
            } else {
                message.nakWithDelay(settings.retryDelay());
            }
        } catch (Exception e) {
            LOG.warn("could not dead-letter or nak META message: {}", e.toString());
        }
    }

    /** A store or backbone that does not answer: retried for as long as it takes, never dead-lettered. */
    static boolean isOutage(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof com.mongodb.MongoSocketException || t instanceof com.mongodb.MongoTimeoutException
                    || t instanceof java.util.concurrent.TimeoutException || t instanceof java.io.IOException
                    || t instanceof com.mongodb.MongoNotPrimaryException) {
                return true;
            }
        }
        return false;
    }

    private void nak(Message message) {
        try {
            message.nakWithDelay(settings.retryDelay());
        } catch (Exception e) {
            LOG.debug("nak failed: {}", e.toString());
        }
    }

    private static void pause(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
