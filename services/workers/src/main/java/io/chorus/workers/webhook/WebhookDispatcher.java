package io.chorus.workers.webhook;

import com.codahale.metrics.MetricRegistry;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.chorus.common.events.EventEnvelope;
import io.chorus.common.events.Subjects;
import io.chorus.common.events.UuidV7;
import io.chorus.common.events.WebhookPayloads;
import io.chorus.common.mongo.ManagedMongoClient;
import io.chorus.common.nats.EventPublisher;
import io.chorus.common.nats.ManagedNatsConnection;
import io.chorus.common.nats.worker.PullWorker;
import io.chorus.common.webhook.WebhookTargets;
import io.chorus.workers.WebhookSettings;
import io.chorus.workers.webhook.core.CircuitBreaker;
import io.chorus.workers.webhook.core.DeadLetterRecord;
import io.chorus.workers.webhook.core.DeliveryPolicy;
import io.chorus.workers.webhook.core.Registration;
import io.chorus.workers.webhook.core.RetrySchedule;
import io.chorus.workers.webhook.core.WebhookEvent;
import io.dropwizard.lifecycle.Managed;
import io.nats.client.Message;
import io.nats.client.api.AckPolicy;
import io.nats.client.api.ConsumerConfiguration;
import io.nats.client.api.DeliverPolicy;
import io.nats.client.impl.Headers;
import io.nats.client.impl.NatsMessage;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The webhook pool (decisions 0210, 0211): pulls message events from {@code MESSAGES} and membership events from
 * {@code META} with its own durable consumers on the shared {@link PullWorker}, and hands each event to the
 * {@link EndpointLane} of every registration that wants it. A stream message is acked once every lane has settled
 * it (delivered, dead-lettered, or dropped for an endpoint that answered 410); its ack deadline is renewed meanwhile.
 * A message no lane could settle (the dead-letter stream refused the record) is nak'd and comes again: at least once.
 */
public final class WebhookDispatcher implements Managed {
    public static final String DURABLE = "webhook";
    /** The durable of the owners' redelivery requests (decision 0212). */
    public static final String REDELIVERY_DURABLE = "webhook-redeliver";
    /** The actor of the {@code webhook.updated} that pauses an endpoint answering 410. */
    public static final String ACTOR = "webhook-dispatcher";

    private static final Logger LOG = LoggerFactory.getLogger(WebhookDispatcher.class);

    private final ManagedNatsConnection nats;
    private final ObjectMapper json;
    private final WebhookSettings settings;
    private final RegistrationCache registrations;
    private final Map<String, EndpointLane> lanes = new ConcurrentHashMap<>();
    private final Set<Message> held = ConcurrentHashMap.newKeySet();
    private final ScheduledExecutorService timer = Executors.newScheduledThreadPool(2, daemon("webhook-timer"));
    private final ExecutorService blocking = Executors.newFixedThreadPool(8, daemon("webhook-io"));
    private final HttpSender sender;
    private final List<PullWorker> workers = new ArrayList<>();
    private final Clock clock = Clock.systemUTC();
    private final MetricRegistry metrics;

    public WebhookDispatcher(
            ManagedNatsConnection nats,
            ManagedMongoClient mongo,
            ObjectMapper json,
            WebhookSettings settings,
            MetricRegistry metrics) {
        this.nats = nats;
        this.json = json;
        this.settings = settings;
        this.metrics = metrics;
        this.registrations = new RegistrationCache(mongo::database);
        this.sender = new HttpSender(
                HttpSender.client(settings.getTimeout(), blocking),
                new WebhookTargets(settings.isAllowLoopback()),
                settings.getTimeout(),
                settings.getSecretOverlap(),
                blocking,
                clock);
        workers.add(worker(Subjects.MESSAGES_STREAM, DURABLE, Subjects.MESSAGES_PREFIX + ">", this::handle));
        workers.add(worker(Subjects.META_STREAM, DURABLE, Subjects.META_PREFIX + "channel.>", this::handle));
        workers.add(
                worker(Subjects.META_STREAM, REDELIVERY_DURABLE, WebhookPayloads.REDELIVERY_FILTER, this::redeliver));
    }

    /**
     * Each event handed to the lanes as it arrives ({@code iterate}), not once a batch of 256 is full or the pull
     * expires ({@code fetch}): at a few events a second a fetch held every event for most of {@code fetchWait},
     * which was most of every delivery's latency. {@code fetchWait} is how long one pull lives.
     */
    static PullWorker.Settings pullSettings(String stream, String durable, java.time.Duration pullWait) {
        return new PullWorker.Settings(
                durable + "-" + stream.toLowerCase(java.util.Locale.ROOT),
                1,
                PullWorker.Pull.EACH,
                () -> 256,
                pullWait);
    }

    private PullWorker worker(String stream, String durable, String filter, PullWorker.Handler handler) {
        return new PullWorker(
                nats::connection,
                PullWorker.bind(stream, durable),
                pullSettings(stream, durable, settings.getFetchWait()),
                handler,
                () -> {
                    // the first read must succeed before any event is matched, or events would find no registration
                    registrations.refresh();
                    nats.connection()
                            .jetStreamManagement()
                            .addOrUpdateConsumer(
                                    stream,
                                    ConsumerConfiguration.builder()
                                            .durable(durable)
                                            .filterSubject(filter)
                                            .ackPolicy(AckPolicy.Explicit)
                                            .deliverPolicy(DeliverPolicy.New)
                                            .ackWait(settings.getAckWait())
                                            .maxAckPending(settings.getMaxAckPending())
                                            .build());
                });
    }

    @Override
    public void start() {
        long refresh = settings.getRegistrationRefresh().toMillis();
        timer.scheduleWithFixedDelay(this::refreshLanes, refresh, refresh, TimeUnit.MILLISECONDS);
        long heartbeat = Math.max(1_000, settings.getAckWait().toMillis() / 3);
        timer.scheduleWithFixedDelay(
                () -> held.forEach(WebhookDispatcher::inProgress), heartbeat, heartbeat, TimeUnit.MILLISECONDS);
        metrics.gauge("webhook.held", () -> held::size);
        for (PullWorker worker : workers) {
            worker.start();
        }
    }

    @Override
    public void stop() throws InterruptedException {
        for (PullWorker worker : workers) {
            worker.stop();
        }
        timer.shutdownNow();
        blocking.shutdownNow();
    }

    private void handle(List<Message> pulled) {
        for (Message message : pulled) {
            dispatch(message);
        }
    }

    private void dispatch(Message message) {
        WebhookEvent event;
        try {
            event = WebhookEvent.of(json, json.readValue(message.getData(), EventEnvelope.class))
                    .orElse(null);
        } catch (Exception e) {
            // the writers dead-letter what they cannot read; there is nothing here to deliver
            LOG.debug("not a deliverable event: {}", e.toString());
            event = null;
        }
        if (event == null) {
            message.ack();
            return;
        }
        List<CompletableFuture<Void>> settled = new ArrayList<>();
        for (Registration registration : registrations.matching(event.type(), event.channelId())) {
            settled.add(lane(registration).enqueue(event));
        }
        holdUntilSettled(message, settled);
    }

    private void redeliver(List<Message> pulled) {
        for (Message message : pulled) {
            holdUntilSettled(message, redelivery(message).map(List::of).orElse(List.of()));
        }
    }

    /**
     * An owner's request to send a dead-letter record again (decision 0212): the record's body under its own
     * {@code webhook-id}, through the registration's lane as it stands now. A request for a record that is gone, is
     * not the registration's, or for a registration deleted or paused meanwhile is acked and does nothing.
     */
    private java.util.Optional<CompletableFuture<Void>> redelivery(Message message) {
        try {
            EventEnvelope envelope = json.readValue(message.getData(), EventEnvelope.class);
            WebhookPayloads.RedeliveryRequested request =
                    json.treeToValue(envelope.payload(), WebhookPayloads.RedeliveryRequested.class);
            Registration registration = registrations.all().get(request.webhookId());
            if (registration == null || registration.paused()) {
                LOG.info(
                        "redelivery of {} skipped: webhook {} is deleted or paused",
                        request.failureId(),
                        request.webhookId());
                return java.util.Optional.empty();
            }
            io.nats.client.api.MessageInfo record = nats.connection()
                    .jetStreamManagement()
                    .getMessage(Subjects.DEAD_LETTER_STREAM, request.failureId());
            String deliveryId = record.getHeaders() == null
                    ? null
                    : record.getHeaders().getFirst(WebhookPayloads.DELIVERY_ID_HEADER);
            return DeadLetterRecord.event(json, request.webhookId(), record.getSubject(), deliveryId, record.getData())
                    .map(event -> lane(registration).enqueue(event));
        } catch (io.nats.client.JetStreamApiException | java.io.IOException | RuntimeException e) {
            // a request the command service checked cannot be read now only when its record aged out
            LOG.warn("redelivery request not carried out: {}", e.toString());
            return java.util.Optional.empty();
        }
    }

    /** Acks the stream message once every lane has settled it; at once when there is nothing to settle. */
    private void holdUntilSettled(Message message, List<CompletableFuture<Void>> settled) {
        if (settled.isEmpty()) {
            message.ack();
            return;
        }
        held.add(message);
        CompletableFuture.allOf(settled.toArray(CompletableFuture[]::new)).whenComplete((ok, error) -> {
            held.remove(message);
            if (error == null) {
                message.ack();
            } else {
                LOG.warn("a delivery could not be settled ({}); the event comes again", error.toString());
                message.nakWithDelay(java.time.Duration.ofSeconds(1));
            }
        });
    }

    private EndpointLane lane(Registration registration) {
        return lanes.computeIfAbsent(
                registration.webhookId(),
                id -> new EndpointLane(
                        registration,
                        sender,
                        new Consequences(),
                        new DeliveryPolicy(
                                new RetrySchedule(settings.getRetrySchedule(), settings.getJitter()),
                                settings.getMaxRetryAfter(),
                                () -> ThreadLocalRandom.current().nextDouble()),
                        new CircuitBreaker(settings.getBreakerFailures(), settings.getBreakerOpenFor()),
                        settings.getConcurrency(),
                        settings.getHoldLimit(),
                        timer,
                        clock));
    }

    private void refreshLanes() {
        registrations.refreshQuietly();
        registrations.all().forEach((id, registration) -> {
            EndpointLane lane = lanes.get(id);
            if (lane != null) {
                lane.refresh(registration);
            }
        });
    }

    /** Dead-letter records on {@code dlq.webhook.<webhookId>} and the pause of an endpoint that answered 410. */
    private final class Consequences implements EndpointLane.Consequences {
        @Override
        public CompletableFuture<Void> deadLetter(
                Registration registration, WebhookEvent event, String reason, int attempts) {
            Headers headers = new Headers()
                    .add(WebhookPayloads.WEBHOOK_ID_HEADER, registration.webhookId())
                    .add(WebhookPayloads.DELIVERY_ID_HEADER, event.id())
                    .add("Chorus-Dlq-Consumer", DURABLE)
                    .add("Chorus-Dlq-Error", reason)
                    .add("Chorus-Dlq-Deliveries", Integer.toString(attempts));
            LOG.warn(
                    "webhook {} event {} dead-lettered after {} attempts: {}",
                    registration.webhookId(),
                    event.id(),
                    attempts,
                    reason);
            try {
                return deadLetterRecord(registration.webhookId(), headers, event);
            } catch (java.io.IOException e) {
                return CompletableFuture.failedFuture(e);
            }
        }

        private CompletableFuture<Void> deadLetterRecord(String webhookId, Headers headers, WebhookEvent event)
                throws java.io.IOException {
            return nats.connection()
                    .jetStream()
                    .publishAsync(NatsMessage.builder()
                            .subject(WebhookPayloads.deadLetterSubject(webhookId))
                            .headers(headers)
                            .data(event.body())
                            .build())
                    .thenApply(ack -> null);
        }

        @Override
        public void disable(Registration registration, WebhookEvent answeredGone) {
            LOG.warn("webhook {} answered 410 Gone: pausing it", registration.webhookId());
            CompletableFuture.runAsync(
                    () -> {
                        try {
                            new EventPublisher(nats, json, java.time.Duration.ofSeconds(5))
                                    .publish(
                                            WebhookPayloads.subject(registration.webhookId()),
                                            pauseEvent(registration),
                                            "webhook.gone:" + registration.webhookId() + ":" + answeredGone.id());
                        } catch (RuntimeException e) {
                            LOG.warn("could not pause webhook {}: {}", registration.webhookId(), e.toString());
                        }
                    },
                    blocking);
        }

        private EventEnvelope pauseEvent(Registration registration) {
            return new EventEnvelope(
                    UuidV7.generate(),
                    WebhookPayloads.WEBHOOK_UPDATED,
                    null,
                    ACTOR,
                    clock.instant(),
                    json.valueToTree(new WebhookPayloads.WebhookChange(
                            registration.webhookId(),
                            registration.ownerId(),
                            List.copyOf(registration.channelIds()),
                            null,
                            null,
                            null,
                            true)));
        }
    }

    private static void inProgress(Message message) {
        try {
            message.inProgress();
        } catch (RuntimeException e) {
            // the connection is moving to another node: the next beat, or the redelivery, covers it
        }
    }

    private static java.util.concurrent.ThreadFactory daemon(String name) {
        java.util.concurrent.atomic.AtomicInteger n = new java.util.concurrent.atomic.AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, name + "-" + n.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}
