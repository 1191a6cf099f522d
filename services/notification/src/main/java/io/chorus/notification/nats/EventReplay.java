package io.chorus.notification.nats;

import io.chorus.common.events.Subjects;
import io.chorus.common.routing.ChannelPartitioner;
import io.chorus.notification.core.LiveSession;
import io.nats.client.Connection;
import io.nats.client.IterableConsumer;
import io.nats.client.Message;
import io.nats.client.OrderedConsumerContext;
import io.nats.client.api.DeliverPolicy;
import io.nats.client.api.OrderedConsumerConfiguration;
import io.nats.client.api.StreamState;
import java.time.Duration;
import java.util.Set;

/**
 * Replays from JetStream what a resuming client missed: for each partition, the events of its channels after its
 * watermark and up to the position its session was armed at. Reads the stream once, from the lowest watermark,
 * with a short-lived ordered consumer (the only NATS subscription besides the inbox, and only while replaying).
 */
public class EventReplay {
    /** What a replay did: replayed, or refused because the gap is beyond the bound or no longer in the stream. */
    public enum Outcome {
        REPLAYED,
        TOO_LARGE,
        CLOSED
    }

    /** How long a replay may go without progress before the session is refused (1011) and the client retries. */
    private static final Duration STALL = Duration.ofSeconds(5);

    private static final Duration RETRY_PAUSE = Duration.ofMillis(200);

    private final Connection connection;
    private final long maxEvents;
    private final long maxBytes;

    /**
     * @param maxEvents the widest gap replayed, in stream events to scan (the count is known before reading)
     * @param maxBytes  the most event bytes one replay sends; a replay that would send more stops there and is
     *                  {@link Outcome#TOO_LARGE}: a resume token the client chose cannot make the instance read and
     *                  buffer more than this for it
     */
    public EventReplay(Connection connection, long maxEvents, long maxBytes) {
        this.connection = connection;
        this.maxEvents = maxEvents;
        this.maxBytes = maxBytes;
    }

    /** What one replay has sent so far, against {@link #maxBytes}, and whether its session closed meanwhile. */
    private static final class Sent {
        long bytes;
        boolean closed;
    }

    public Outcome replay(LiveSession session, Set<String> channels, long[] from, long[] upTo) throws Exception {
        long start = Long.MAX_VALUE;
        long end = 0;
        for (int p = 0; p < from.length; p++) {
            if (upTo[p] > from[p]) {
                start = Math.min(start, from[p] + 1);
                end = Math.max(end, upTo[p]);
            }
        }
        if (end == 0) {
            return Outcome.REPLAYED;
        }
        StreamState state = connection
                .jetStreamManagement()
                .getStreamInfo(Subjects.MESSAGES_STREAM)
                .getStreamState();
        if (end - start + 1 > maxEvents || start < state.getFirstSequence()) {
            return Outcome.TOO_LARGE;
        }
        long next = start;
        Sent sent = new Sent();
        long deadline = System.nanoTime() + STALL.toNanos();
        while (System.nanoTime() < deadline) {
            // a read that ends early (jnats gave up on its ordered consumer) resumes from the next sequence
            long reached = readFrom(session, channels, from, upTo, next, end, sent);
            if (sent.closed) {
                return Outcome.CLOSED;
            }
            if (sent.bytes > maxBytes) {
                return Outcome.TOO_LARGE;
            }
            if (reached >= end) {
                return Outcome.REPLAYED;
            }
            if (reached >= next) {
                next = reached + 1;
                deadline = System.nanoTime() + STALL.toNanos(); // progress: the stall clock starts again
            } else {
                Thread.sleep(RETRY_PAUSE.toMillis()); // back off: each read makes a consumer
            }
        }
        throw new IllegalStateException(
                "replay stalled before stream sequence " + end + " (reached " + (next - 1) + ")");
    }

    /**
     * Replays from {@code start} until {@code end}, until the read yields nothing, or until the next event would pass
     * the byte bound; answers the last sequence seen.
     */
    private long readFrom(
            LiveSession session, Set<String> channels, long[] from, long[] upTo, long start, long end, Sent sent)
            throws Exception {
        OrderedConsumerContext reader = connection
                .getStreamContext(Subjects.MESSAGES_STREAM)
                .createOrderedConsumer(new OrderedConsumerConfiguration()
                        .filterSubject(Subjects.MESSAGES_PREFIX + ">")
                        .deliverPolicy(DeliverPolicy.ByStartSequence)
                        .startSequence(start));
        long reached = start - 1;
        try (IterableConsumer events = reader.iterate()) {
            while (reached < end) {
                Message event = events.nextMessage(Duration.ofSeconds(1));
                if (event == null) {
                    return reached;
                }
                long seq = event.metaData().streamSequence();
                String channel = event.getSubject().substring(Subjects.MESSAGES_PREFIX.length());
                int p = ChannelPartitioner.partition(channel, from.length);
                if (seq > from[p] && seq <= upTo[p] && channels.contains(channel)) {
                    sent.bytes += event.getData().length;
                    if (sent.bytes > maxBytes) {
                        return reached; // not sent: the client reads the rest from history
                    }
                    // at the client's pace: a replay alone never fills the session's outbound queue
                    if (!session.out().awaitRoom(STALL)) {
                        sent.closed = true;
                        return reached;
                    }
                    session.replay(p, seq, channel, event.getData());
                }
                reached = seq;
            }
        }
        return reached;
    }
}
