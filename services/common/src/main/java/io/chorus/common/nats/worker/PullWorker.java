package io.chorus.common.nats.worker;

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
import java.util.Iterator;
import java.util.List;
import java.util.function.IntSupplier;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The pull loop every JetStream consumer of Chorus runs on (decisions 0053, 0120): threads that each hold one pull
 * subscription to a durable consumer and, one bounded pull at a time, hand what they pulled to a {@link Handler}.
 * A pull lives at most its wait, measured on the client, so a pull lost with a NATS node costs at most that wait.
 * The subscription outlives its pulls: a message the server sends just after the client gave up on a pull lands in
 * the same subscription and is the first of the next one. On any error (the consumer's leader being elected, the
 * connection moving to another node, the handler failing) the thread drops its subscription, pauses
 * {@link #ERROR_PAUSE} and subscribes again: it carries on from the durable consumer's state, never from anything
 * it remembered. Acks are the handler's, through a {@link Settlement}.
 */
public final class PullWorker implements Managed {
    /** The pause after an error before subscribing again (decision 0053). */
    public static final Duration ERROR_PAUSE = Duration.ofMillis(500);

    private static final Logger LOG = LoggerFactory.getLogger(PullWorker.class);

    /** How a pull hands messages on. */
    public enum Pull {
        /** {@code fetch(batch, wait)}: the handler gets the whole batch once it is full or the wait is over. */
        BATCH,
        /** {@code iterate(batch, wait)}: the handler gets each message as it arrives, one at a time. */
        EACH
    }

    /** Handles what one pull brought (at least one message); settles each message. */
    public interface Handler {
        void handle(List<Message> pulled) throws Exception;
    }

    /** Opens a thread's pull subscription: binds to the durable, or creates it with its configuration. */
    public interface Subscriber {
        JetStreamSubscription subscribe(JetStream jetStream) throws Exception;
    }

    /** Must succeed once before the first pull (an index template, say); retried every few seconds until it does. */
    public interface Prerequisite {
        void ensure() throws Exception;
    }

    /**
     * @param name      the threads' name (a suffix {@code -N} when there are several)
     * @param threads   threads pulling from the same durable consumer
     * @param batch     the most messages one pull asks for; asked again before every pull
     * @param pullWait  how long one pull lives
     */
    public record Settings(String name, int threads, Pull pull, IntSupplier batch, Duration pullWait) {
        public Settings {
            if (threads < 1) {
                throw new IllegalArgumentException("threads must be at least 1");
            }
        }
    }

    private final Supplier<Connection> nats;
    private final Subscriber subscriber;
    private final Settings settings;
    private final Handler handler;
    private final Prerequisite prerequisite;
    private final List<Thread> threads = new ArrayList<>();
    private volatile boolean running;
    private final Object prerequisiteLock = new Object();
    private boolean prerequisiteMet;

    public PullWorker(Supplier<Connection> nats, Subscriber subscriber, Settings settings, Handler handler) {
        this(nats, subscriber, settings, handler, () -> {});
    }

    public PullWorker(
            Supplier<Connection> nats,
            Subscriber subscriber,
            Settings settings,
            Handler handler,
            Prerequisite prerequisite) {
        this.nats = nats;
        this.subscriber = subscriber;
        this.settings = settings;
        this.handler = handler;
        this.prerequisite = prerequisite;
    }

    /** Binds to an existing durable consumer of {@code stream}. */
    public static Subscriber bind(String stream, String durable) {
        return js -> js.subscribe(null, PullSubscribeOptions.bind(stream, durable));
    }

    /**
     * Creates (or updates) the durable consumer {@code durable} of {@code stream} over {@code filter}, with explicit
     * acks from {@code from} on, and pulls from it: for a consumer whose whole configuration lives with its worker.
     */
    public static Subscriber durable(
            String stream, String filter, String durable, DeliverPolicy from, Duration ackWait) {
        ConsumerConfiguration consumer = ConsumerConfiguration.builder()
                .durable(durable)
                .filterSubject(filter)
                .ackPolicy(AckPolicy.Explicit)
                .deliverPolicy(from)
                .ackWait(ackWait)
                .maxAckPending(10_000)
                .build();
        return js -> js.subscribe(
                filter,
                PullSubscribeOptions.builder().stream(stream)
                        .configuration(consumer)
                        .build());
    }

    public boolean running() {
        return running;
    }

    @Override
    public synchronized void start() {
        running = true;
        for (int i = 1; i <= settings.threads(); i++) {
            String name = settings.threads() == 1 ? settings.name() : settings.name() + "-" + i;
            Thread thread = new Thread(this::run, name);
            thread.setDaemon(true);
            threads.add(thread);
            thread.start();
        }
    }

    /** Stops pulling; waits for each thread to finish what it holds (at most a pull's wait plus 10 s). */
    @Override
    public synchronized void stop() throws InterruptedException {
        running = false;
        for (Thread thread : threads) {
            thread.join(settings.pullWait().toMillis() + 10_000);
        }
        threads.clear();
    }

    private void run() {
        if (!awaitPrerequisite()) {
            return;
        }
        JetStreamSubscription subscription = null;
        while (running) {
            try {
                if (subscription == null) {
                    subscription = subscriber.subscribe(nats.get().jetStream());
                }
                pullOnce(subscription);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            } catch (Exception e) {
                if (running) {
                    LOG.warn("{}: {}; subscribing again", Thread.currentThread().getName(), e.toString());
                    unsubscribe(subscription);
                    subscription = null;
                    pause(ERROR_PAUSE);
                }
            }
        }
        unsubscribe(subscription);
    }

    private void pullOnce(JetStreamSubscription subscription) throws Exception {
        if (settings.pull() == Pull.BATCH) {
            List<Message> batch = subscription.fetch(settings.batch().getAsInt(), settings.pullWait());
            if (!batch.isEmpty()) {
                handler.handle(batch);
            }
            return;
        }
        // iterate, not fetch: each message as it arrives (a fetch holds them until its batch is full or expired)
        Iterator<Message> pull = subscription.iterate(settings.batch().getAsInt(), settings.pullWait());
        while (running && pull.hasNext()) {
            handler.handle(List.of(pull.next()));
        }
    }

    /** One thread meets the prerequisite while the others wait for it; false when the worker stopped first. */
    private boolean awaitPrerequisite() {
        RetryPolicy schedule = new RetryPolicy(Duration.ofMillis(200), Duration.ofSeconds(5), 1);
        synchronized (prerequisiteLock) {
            for (long attempt = 1; running && !prerequisiteMet; attempt++) {
                try {
                    prerequisite.ensure();
                    prerequisiteMet = true;
                } catch (Exception e) {
                    LOG.warn("{}: not ready to pull yet: {}", settings.name(), e.toString());
                    pause(schedule.delay(attempt));
                }
            }
        }
        return running;
    }

    private static void unsubscribe(JetStreamSubscription subscription) {
        try {
            if (subscription != null) {
                subscription.unsubscribe();
            }
        } catch (RuntimeException e) {
            // the connection is closing or gone: nothing left to release
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
