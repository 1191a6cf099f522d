package io.chorus.workers.rebuild;

import io.chorus.common.events.Subjects;
import io.chorus.workers.rebuild.core.RebuildProgress;
import io.nats.client.Connection;
import io.nats.client.JetStreamApiException;
import io.nats.client.JetStreamManagement;
import io.nats.client.JetStreamSubscription;
import io.nats.client.Message;
import io.nats.client.PullSubscribeOptions;
import io.nats.client.api.AckPolicy;
import io.nats.client.api.ConsumerConfiguration;
import io.nats.client.api.DeliverPolicy;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Replays a stream ({@code MESSAGES}, or {@code META} for the metadata stores) from its first event into one read store
 * (decisions 0135, 0140): a fresh durable consumer
 * {@code rebuild-STORE-MILLIS} with {@link DeliverPolicy#All}, pulled batch by batch into a {@link Applier} until the
 * stream's last sequence at the start is reached, then deleted. The live consumer keeps running meanwhile; both write
 * with the event's own version or write time, so their order does not matter. Should this process die mid-rebuild,
 * the server removes the consumer after {@link #ABANDONED_AFTER} without a pull.
 */
public final class StreamReplay {
    public static final Duration ABANDONED_AFTER = Duration.ofMinutes(5);
    private static final Logger LOG = LoggerFactory.getLogger(StreamReplay.class);

    /** The stream a store is derived from, and the subjects of its events. */
    public record Source(String stream, String subjects) {
        public static final Source MESSAGES = new Source(Subjects.MESSAGES_STREAM, Subjects.MESSAGES_PREFIX + ">");
        public static final Source META = new Source(Subjects.META_STREAM, Subjects.META_PREFIX + ">");
    }

    /** Writes one batch of events into the store, retrying until it is in; answers how many it skipped. */
    public interface Applier {
        int apply(List<Message> batch) throws Exception;
    }

    private final Supplier<Connection> nats;
    private final Source source;
    private final String store;
    private final int batchSize;
    private final Duration fetchWait;
    private final Clock clock;

    /** A replay of {@code MESSAGES}. */
    public StreamReplay(Supplier<Connection> nats, String store, int batchSize, Duration fetchWait, Clock clock) {
        this(nats, Source.MESSAGES, store, batchSize, fetchWait, clock);
    }

    public StreamReplay(
            Supplier<Connection> nats, Source source, String store, int batchSize, Duration fetchWait, Clock clock) {
        this.nats = nats;
        this.source = source;
        this.store = store;
        this.batchSize = batchSize;
        this.fetchWait = fetchWait;
        this.clock = clock;
    }

    /** Replays every event up to the stream's last sequence now; each progress line goes to {@code progress}. */
    public RebuildProgress run(Applier applier, Consumer<String> progress) throws Exception {
        Connection connection = nats.get();
        JetStreamManagement management = connection.jetStreamManagement();
        long last = management.getStreamInfo(source.stream()).getStreamState().getLastSequence();
        RebuildProgress state = new RebuildProgress(store, last, clock.instant());
        String durable = "rebuild-" + store + "-" + clock.millis();
        management.addOrUpdateConsumer(
                source.stream(),
                ConsumerConfiguration.builder()
                        .durable(durable)
                        .filterSubject(source.subjects())
                        .deliverPolicy(DeliverPolicy.All)
                        .ackPolicy(AckPolicy.Explicit)
                        .ackWait(Duration.ofMinutes(1))
                        .maxAckPending(batchSize * 2L)
                        .inactiveThreshold(ABANDONED_AFTER)
                        .build());
        LOG.info("rebuilding {} from {} up to sequence {} on consumer {}", store, source.stream(), last, durable);
        JetStreamSubscription subscription = connection
                .jetStream()
                .subscribe(source.subjects(), PullSubscribeOptions.bind(source.stream(), durable));
        try {
            while (!state.done()) {
                List<Message> batch = subscription.fetch(batchSize, fetchWait);
                if (batch.isEmpty()) {
                    // nothing left to deliver although the target was not reached: its last events were removed
                    if (pending(management, source.stream(), durable) == 0) {
                        break;
                    }
                } else {
                    int skipped = applier.apply(batch);
                    batch.forEach(Message::ack);
                    state.replayed(
                            batch.size(),
                            skipped,
                            batch.get(batch.size() - 1).metaData().streamSequence());
                }
                if (state.due(clock.instant())) {
                    progress.accept(state.line(clock.instant()));
                }
            }
        } finally {
            subscription.unsubscribe();
            delete(management, source.stream(), durable);
        }
        LOG.info(state.finalLine(clock.instant()));
        return state;
    }

    private static long pending(JetStreamManagement management, String stream, String durable)
            throws IOException, JetStreamApiException {
        return management.getConsumerInfo(stream, durable).getNumPending();
    }

    private static void delete(JetStreamManagement management, String stream, String durable) {
        try {
            management.deleteConsumer(stream, durable);
        } catch (IOException | JetStreamApiException e) {
            LOG.warn(
                    "could not delete rebuild consumer {} (the server removes it after {}): {}",
                    durable,
                    ABANDONED_AFTER,
                    e.toString());
        }
    }
}
