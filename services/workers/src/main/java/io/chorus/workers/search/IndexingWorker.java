package io.chorus.workers.search;

import io.chorus.common.events.PoisonEvent;
import io.chorus.common.nats.worker.FailureKind;
import io.chorus.common.nats.worker.PullWorker;
import io.chorus.common.nats.worker.RetryPolicy;
import io.chorus.common.nats.worker.Settlement;
import io.chorus.workers.search.core.IndexAction;
import io.chorus.workers.search.core.MessageEventIndexing;
import io.nats.client.Message;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What each thread of the pool does with a pulled batch: turn each event into an index action, write them in one
 * bulk request, ack what is done. While Elasticsearch is down or overloaded it holds its batch, backs off by the
 * policy (up to 5 s) and keeps the events' ack deadline alive, so nothing is redelivered elsewhere, nothing counts
 * toward dead-lettering and nothing new is pulled: the backlog waits in JetStream and is caught up once
 * Elasticsearch answers again. An event Elasticsearch refuses is redelivered with the policy's delay and
 * dead-lettered on its last allowed delivery; a poison event is dead-lettered at once.
 */
final class IndexingWorker implements PullWorker.Handler {
    private static final Logger LOG = LoggerFactory.getLogger(IndexingWorker.class);

    private final MessageEventIndexing indexing;
    private final BulkIndexWriter writer;
    private final Settlement settlement;
    private final BooleanSupplier running;

    IndexingWorker(
            MessageEventIndexing indexing, BulkIndexWriter writer, Settlement settlement, BooleanSupplier running) {
        this.indexing = indexing;
        this.writer = writer;
        this.settlement = settlement;
        this.running = running;
    }

    private record Pending(Message message, IndexAction action) {}

    @Override
    public void handle(List<Message> batch) throws InterruptedException {
        List<Pending> pending = new ArrayList<>();
        for (Message message : batch) {
            IndexAction action;
            try {
                action = indexing.plan(message.getData(), message.metaData().streamSequence(), Instant.now());
            } catch (PoisonEvent e) {
                settlement.deadLetter(message, e.getMessage());
                continue;
            }
            if (action instanceof IndexAction.Skip) {
                settlement.ack(message);
            } else {
                pending.add(new Pending(message, action));
            }
        }
        RetryPolicy policy = settlement.policy();
        int attempt = 0;
        Instant firstAttempt = Instant.now();
        while (!pending.isEmpty() && running.getAsBoolean()) {
            List<Pending> retry = writeOnce(pending, attempt++);
            if (retry.isEmpty()) {
                if (attempt > 1) {
                    // the other half of the back-off warnings: when the outage ended for this worker
                    LOG.info(
                            "Elasticsearch took the held bulk of {} after {} attempts over {} ms",
                            pending.size(),
                            attempt,
                            Duration.between(firstAttempt, Instant.now()).toMillis());
                }
                return;
            }
            retry.forEach(p -> p.message().inProgress());
            settlement.retriedInPlace();
            Thread.sleep(policy.delay(attempt).toMillis());
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
                LOG.warn(
                        "Elasticsearch did not take a bulk of {} (attempt {}), backing off: {}",
                        pending.size(),
                        attempt + 1,
                        e.toString());
            }
            return pending;
        }
        List<Pending> retry = new ArrayList<>();
        String retryError = null;
        for (int i = 0; i < pending.size(); i++) {
            Pending p = pending.get(i);
            BulkIndexWriter.Outcome outcome = outcomes.get(i);
            switch (outcome.verdict()) {
                case DONE -> settlement.ack(p.message());
                case RETRY -> {
                    retry.add(p);
                    retryError = retryError == null ? outcome.error() : retryError;
                }
                case REJECTED ->
                    settlement.failed(
                            p.message(), FailureKind.REFUSED, "rejected by Elasticsearch: " + outcome.error());
            }
        }
        if (!retry.isEmpty() && attempt % 20 == 0) {
            // shards still recovering after a restart (503) or overload (429): as rare as the whole-request warning
            LOG.warn(
                    "Elasticsearch asked to retry {} of a bulk of {} (attempt {}), backing off: {}",
                    retry.size(),
                    pending.size(),
                    attempt + 1,
                    retryError);
        }
        return retry;
    }
}
