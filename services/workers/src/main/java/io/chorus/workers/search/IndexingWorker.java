package io.chorus.workers.search;

import io.chorus.common.nats.DeadLetters;
import io.chorus.workers.search.core.Backoff;
import io.chorus.workers.search.core.IndexAction;
import io.chorus.workers.search.core.MessageEventIndexing;
import io.chorus.workers.search.core.PoisonEvent;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;
import io.nats.client.JetStreamSubscription;
import io.nats.client.Message;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One thread of the pool: pull a batch, turn each event into an index action, write them in one bulk request, ack
 * what is done. While Elasticsearch is down or overloaded it holds its batch, backs off (up to 5 s) and keeps the
 * events' ack deadline alive, so nothing is redelivered elsewhere, nothing counts toward dead-lettering and nothing
 * new is pulled: the backlog waits in JetStream and is caught up once Elasticsearch answers again.
 */
final class IndexingWorker implements Runnable {
    private static final Logger LOG = LoggerFactory.getLogger(IndexingWorker.class);

    private final JetStreamSubscription subscription;
    private final MessageEventIndexing indexing;
    private final BulkIndexWriter writer;
    private final DeadLetters deadLetters;
    private final int batchSize;
    private final Duration fetchWait;
    private final int maxDeliveries;
    private final BooleanSupplier running;
    private final Backoff backoff = new Backoff(Duration.ofMillis(100), Duration.ofSeconds(5));

    IndexingWorker(JetStreamSubscription subscription, MessageEventIndexing indexing, BulkIndexWriter writer,
                   DeadLetters deadLetters, int batchSize, Duration fetchWait, int maxDeliveries,
                   BooleanSupplier running) {
        this.subscription = subscription;
        this.indexing = indexing;
        this.writer = writer;
        this.deadLetters = deadLetters;
        this.batchSize = batchSize;
        this.fetchWait = fetchWait;
        this.maxDeliveries = maxDeliveries;
        this.running = running;
    }

    @Override
    public void run() {
        while (running.getAsBoolean()) {
            try {
                List<Message> batch = subscription.fetch(batchSize, fetchWait);
                if (!batch.isEmpty()) {
                    index(batch);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                // NATS unreachable or the subscription broken: the unacked batch is redelivered after its ack wait
                LOG.warn("search indexer batch failed: {}", e.toString());
                pause(backoff.nextDelay());
            }
        }
    }

    private record Pending(Message message, IndexAction action) {
    }

    private void index(List<Message> batch) throws InterruptedException {
        List<Pending> pending = new ArrayList<>();
        for (Message message : batch) {
            IndexAction action;
            try {
                action = indexing.plan(message.getData(), message.metaData().streamSequence(), Instant.now());
            } catch (PoisonEvent e) {
                deadLetter(message, e.getMessage());
                continue;
            }
            if (action instanceof IndexAction.Skip) {
                message.ack();
            } else {
                pending.add(new Pending(message, action));
            }
        }
        int attempt = 0;
        Instant firstAttempt = Instant.now();
        while (!pending.isEmpty() && running.getAsBoolean()) {
            List<Pending> retry = writeOnce(pending, attempt++);
            if (retry.isEmpty()) {
                backoff.reset();
                if (attempt > 1) {
                    // the other half of the back-off warnings: when the outage ended for this worker
                    LOG.info("Elasticsearch took the held bulk of {} after {} attempts over {} ms", pending.size(),
                            attempt, Duration.between(firstAttempt, Instant.now()).toMillis());
                }
                return;
            }
            retry.forEach(p -> p.message().inProgress());
            pause(backoff.nextDelay());
            pending = retry;
        }
    }

    /** One bulk attempt; answers the events to try again. */
    private List<Pending> writeOnce(List<Pending> pending, int attempt) {
        List<BulkIndexWriter.Outcome> outcomes;
        try {
            outcomes = writer.write(pending.stream().map(Pending::action).toList());
        } catch (Exception e) {
            if (attempt % 20 == 0) {
                LOG.warn("Elasticsearch did not take a bulk of {} (attempt {}), backing off: {}", pending.size(),
                        attempt + 1, e.toString());
            }
            return pending;
        }
        List<Pending> retry = new ArrayList<>();
        String retryError = null;
        for (int i = 0; i < pending.size(); i++) {
            Pending p = pending.get(i);
            BulkIndexWriter.Outcome outcome = outcomes.get(i);
            switch (outcome.verdict()) {
                case DONE -> p.message().ack();
                case RETRY -> {
                    retry.add(p);
                    retryError = retryError == null ? outcome.error() : retryError;
                }
                case REJECTED -> rejected(p.message(), outcome.error());
            }
        }
        if (!retry.isEmpty() && attempt % 20 == 0) {
            // shards still recovering after a restart (503) or overload (429): as rare as the whole-request warning
            LOG.warn("Elasticsearch asked to retry {} of a bulk of {} (attempt {}), backing off: {}", retry.size(),
                    pending.size(), attempt + 1, retryError);
        }
        return retry;
    }

    /** Elasticsearch refused the event itself: try again later, and dead-letter it after N deliveries. */
    private void rejected(Message message, String error) {
        long deliveries = message.metaData().deliveredCount();
        if (deliveries >= maxDeliveries) {
            deadLetter(message, "rejected by Elasticsearch after " + deliveries + " deliveries: " + error);
        } else {
            LOG.info("Elasticsearch rejected stream sequence {} (delivery {}): {}",
                    message.metaData().streamSequence(), deliveries, error);
            message.nakWithDelay(Duration.ofSeconds(deliveries));
        }
    }

    private void deadLetter(Message message, String error) {
        try {
            deadLetters.deadLetter(message, error);
            LOG.warn("dead-lettered stream sequence {}: {}", message.metaData().streamSequence(), error);
        } catch (Exception e) {
            // not acked: JetStream redelivers it and the dead letter is tried again
            LOG.error("could not dead-letter stream sequence {}: {}", message.metaData().streamSequence(), e.toString());
        }
    }

    private static void pause(Duration delay) {
        try {
            Thread.sleep(delay.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
