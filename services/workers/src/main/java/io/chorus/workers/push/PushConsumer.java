package io.chorus.workers.push;

import com.codahale.metrics.MetricRegistry;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.chorus.common.events.DirectChannels;
import io.chorus.common.events.EventEnvelope;
import io.chorus.common.events.EventTypes;
import io.chorus.common.events.MessagePayloads;
import io.chorus.common.events.Subjects;
import io.chorus.common.nats.worker.FailureKind;
import io.chorus.common.nats.worker.PullWorker;
import io.chorus.common.nats.worker.RetryPolicy;
import io.chorus.common.nats.worker.Settlement;
import io.chorus.workers.push.core.DeliveryPolicy;
import io.chorus.workers.push.core.Notification;
import io.chorus.workers.push.core.ProviderResult;
import io.chorus.workers.push.core.PushRecipients;
import io.nats.client.Connection;
import io.nats.client.Message;
import io.nats.client.api.DeliverPolicy;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The push worker (decisions 0201, 0202): its own durable consumer on {@code MESSAGES}, from the messages sent after
 * it was first created. For each {@code message.created} it decides the recipients ({@link PushRecipients}), sends one
 * notification per device that has none recorded for this message, records each accepted one in the
 * {@code push-sent} bucket, and settles the event:
 *
 * <ul>
 *   <li>every device done: acked;</li>
 *   <li>a provider unwell: the event is redelivered after the backoff (never before {@code Retry-After}, or the
 *       breaker's reopening); the devices already notified are skipped then;</li>
 *   <li>a notification refused as sent, or retried {@code maxAttempts} times: the event is dead-lettered with the
 *       reasons, the record of what finally failed.</li>
 * </ul>
 *
 * A device the provider says is gone is removed through {@code META} ({@code device.removed} as its user).
 */
public final class PushConsumer implements PullWorker.Handler {
    private static final Logger LOG = LoggerFactory.getLogger(PushConsumer.class);
    public static final String DURABLE = "push";
    /** Lookups that fail (the metadata store or NATS down) are redelivered with this policy, never dead-lettered. */
    private static final RetryPolicy LOOKUP_RETRY = new RetryPolicy(Duration.ofSeconds(1), Duration.ofSeconds(15), 1);

    private final ObjectMapper json;
    private final PushDirectory directory;
    private final PushState state;
    private final Map<String, ProviderGate> gates;
    private final DeliveryPolicy policy;
    private final Settlement settlement;

    PushConsumer(
            ObjectMapper json,
            PushDirectory directory,
            PushState state,
            Map<String, ProviderGate> gates,
            DeliveryPolicy policy,
            Settlement settlement) {
        this.json = json;
        this.directory = directory;
        this.state = state;
        this.gates = gates;
        this.policy = policy;
        this.settlement = settlement;
    }

    public static PullWorker worker(
            Supplier<Connection> nats,
            ObjectMapper json,
            PushDirectory directory,
            PushState state,
            Map<String, ProviderGate> gates,
            PushSettings settings,
            MetricRegistry metrics) {
        PushConsumer consumer = new PushConsumer(
                json,
                directory,
                state,
                gates,
                settings.deliveryPolicy(),
                new Settlement(Subjects.MESSAGES_STREAM, DURABLE, nats, LOOKUP_RETRY, metrics));
        int batch = settings.getBatchSize();
        return new PullWorker(
                nats,
                // a new push pool notifies about what is sent from now on, never about the stream's history
                PullWorker.durable(
                        Subjects.MESSAGES_STREAM,
                        Subjects.MESSAGES_PREFIX + ">",
                        DURABLE,
                        DeliverPolicy.New,
                        Duration.ofSeconds(60)),
                new PullWorker.Settings(
                        DURABLE, settings.getWorkers(), PullWorker.Pull.BATCH, () -> batch, settings.getFetchWait()),
                consumer);
    }

    @Override
    public void handle(List<Message> pulled) throws InterruptedException {
        for (Message message : pulled) {
            handle(message);
        }
    }

    void handle(Message message) throws InterruptedException {
        EventEnvelope event;
        MessagePayloads.Created created;
        try {
            event = json.readValue(message.getData(), EventEnvelope.class);
            if (event == null || !EventTypes.MESSAGE_CREATED.equals(event.type())) {
                settlement.ack(message);
                return;
            }
            created = json.treeToValue(event.payload(), MessagePayloads.Created.class);
            if (event.id() == null || !Subjects.isToken(event.channelId()) || !Subjects.isToken(event.actorId())) {
                throw new IllegalArgumentException("message.created without id, channel or author");
            }
        } catch (Exception e) {
            settlement.deadLetter(message, "not a message event the push worker can read: " + e.getMessage());
            return;
        }
        List<Notification> notifications;
        try {
            notifications = notifications(event, created);
        } catch (Exception e) {
            settlement.failed(message, FailureKind.OUTAGE, "push lookups failed: " + e);
            return;
        }
        settle(message, send(notifications, (int) message.metaData().deliveredCount() - 1));
    }

    /** The notifications still to send for this message: one per recipient's device, minus those already sent. */
    List<Notification> notifications(EventEnvelope event, MessagePayloads.Created created) throws Exception {
        PushRecipients.Message message = new PushRecipients.Message(
                event.channelId(), event.actorId(), created.text(), DirectChannels.isReserved(event.channelId()));
        Set<String> candidates = new LinkedHashSet<>();
        if (message.direct()) {
            candidates.addAll(directory.members(message.channelId()));
        } else {
            candidates.addAll(PushRecipients.mentions(message.text()));
            candidates.addAll(directory.notifiedOfAll(message.channelId()));
            candidates.remove(message.authorId());
            candidates.retainAll(directory.membersAmong(message.channelId(), candidates));
        }
        candidates.remove(message.authorId());
        List<PushRecipients.Member> members = new ArrayList<>();
        for (String userId : candidates) {
            members.add(new PushRecipients.Member(
                    userId, directory.level(message.channelId(), userId), state.online(userId)));
        }
        List<Notification> notifications = new ArrayList<>();
        for (PushRecipients.Recipient recipient : PushRecipients.of(message, members)) {
            for (PushDirectory.Device device : directory.devices(recipient.userId())) {
                Notification n = new Notification(
                        event.id(),
                        message.channelId(),
                        message.authorId(),
                        device.deviceId(),
                        device.userId(),
                        device.platform(),
                        device.token(),
                        device.appId(),
                        recipient.reason(),
                        message.text());
                if (!state.sent(n.idempotencyKey())) {
                    notifications.add(n);
                }
            }
        }
        return notifications;
    }

    /** Sends side by side (each provider bounds its own concurrency) and decides each one's outcome. */
    private List<DeliveryPolicy.Decision> send(List<Notification> notifications, int attempt)
            throws InterruptedException {
        List<CompletableFuture<DeliveryPolicy.Decision>> decisions = new ArrayList<>();
        for (Notification n : notifications) {
            decisions.add(sendOne(n, attempt));
        }
        List<DeliveryPolicy.Decision> settled = new ArrayList<>();
        for (CompletableFuture<DeliveryPolicy.Decision> decision : decisions) {
            settled.add(decision.join());
        }
        return settled;
    }

    private CompletableFuture<DeliveryPolicy.Decision> sendOne(Notification n, int attempt)
            throws InterruptedException {
        ProviderGate gate = gates.get(n.platform());
        if (gate == null) {
            return CompletableFuture.completedFuture(
                    new DeliveryPolicy.DeadLetter("no " + n.platform() + " provider configured"));
        }
        CompletableFuture<ProviderResult> result = gate.send(n);
        if (result == null) {
            // the breaker is open: nothing was tried, so this attempt does not count against the notification
            Duration wait =
                    gate.reopensIn().plusMillis(ThreadLocalRandom.current().nextLong(1_000));
            return CompletableFuture.completedFuture(new DeliveryPolicy.Retry(wait));
        }
        return result.thenApply(r -> {
            DeliveryPolicy.Decision decision =
                    policy.decide(r, attempt, () -> ThreadLocalRandom.current().nextDouble());
            apply(n, decision);
            return decision;
        });
    }

    private void apply(Notification n, DeliveryPolicy.Decision decision) {
        try {
            if (decision instanceof DeliveryPolicy.Delivered) {
                state.recordSent(n.idempotencyKey());
            } else if (decision instanceof DeliveryPolicy.RemoveDevice remove) {
                LOG.info("device {} of {} is gone ({}): removing it", n.deviceId(), n.userId(), remove.reason());
                state.removeDevice(n.userId(), n.deviceId(), n.idempotencyKey());
            }
        } catch (Exception e) {
            // the notification went out; a lost record can only mean one more on a redelivery, never one fewer
            LOG.warn("could not record the outcome of {}: {}", n.idempotencyKey(), e.toString());
        }
    }

    private void settle(Message message, List<DeliveryPolicy.Decision> decisions) {
        Duration retry = null;
        List<String> failures = new ArrayList<>();
        for (DeliveryPolicy.Decision decision : decisions) {
            if (decision instanceof DeliveryPolicy.Retry r) {
                retry = retry == null || r.after().compareTo(retry) > 0 ? r.after() : retry;
            } else if (decision instanceof DeliveryPolicy.DeadLetter d) {
                failures.add(d.reason());
            }
        }
        if (retry != null) {
            settlement.retriedInPlace();
            message.nakWithDelay(retry);
        } else if (!failures.isEmpty()) {
            settlement.deadLetter(message, "push failed for " + failures.size() + " device(s): " + failures);
        } else {
            settlement.ack(message);
        }
    }
}
