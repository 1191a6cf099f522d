package io.chorus.fanout.nats;

import io.chorus.common.nats.worker.PullWorker;
import io.nats.client.Connection;
import io.nats.client.Message;
import java.time.Duration;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * The fan-out's pulls (decision 0053): one thread per durable consumer, each message handed on as it arrives, in
 * stream order, to a handler that acks it (the consumers ack all). Short pulls on one long-lived subscription: a
 * pull lost with a NATS node costs at most {@link #PULL_EXPIRY}.
 */
final class StreamOrderPull {
    /** How long one pull request lives: a lost pull stalls the loop this long at most. */
    static final Duration PULL_EXPIRY = Duration.ofSeconds(2);
    /** Messages per pull: enough that a burst needs few round trips, few enough to be handled well within expiry. */
    static final int PULL_BATCH = 256;

    private StreamOrderPull() {}

    static PullWorker of(
            Supplier<Connection> connection, String stream, String consumer, String name, Consumer<Message> handler) {
        return new PullWorker(
                connection,
                PullWorker.bind(stream, consumer),
                new PullWorker.Settings(name, 1, PullWorker.Pull.EACH, () -> PULL_BATCH, PULL_EXPIRY),
                pulled -> pulled.forEach(handler));
    }
}
