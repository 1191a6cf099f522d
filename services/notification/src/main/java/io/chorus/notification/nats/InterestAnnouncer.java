package io.chorus.notification.nats;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.chorus.common.events.Subjects;
import io.chorus.common.routing.DeltaSequencer;
import io.chorus.common.routing.InterestDelta;
import io.chorus.common.routing.InterestReply;
import io.chorus.common.routing.LocalIndex;
import io.chorus.common.routing.RoutingSubjects;
import io.chorus.notification.core.LiveSession;
import io.nats.client.Connection;
import io.nats.client.Message;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tells the fan-out partitions what this instance's index gained and lost. Index changes and their deltas are
 * made under one lock, so deltas leave in the order the index changed (NATS keeps one connection's order).
 * Deltas are requests: a reply means the partition applied it and names its routing position then
 * ({@link InterestReply}), which is what arms a new session without a gap.
 */
public class InterestAnnouncer {
    private static final Logger LOG = LoggerFactory.getLogger(InterestAnnouncer.class);

    private final Connection connection;
    private final LocalIndex<LiveSession> index;
    private final DeltaSequencer sequencer;
    private final ObjectMapper json;
    private final Duration timeout;

    public InterestAnnouncer(
            Connection connection,
            LocalIndex<LiveSession> index,
            DeltaSequencer sequencer,
            ObjectMapper json,
            Duration timeout) {
        this.connection = connection;
        this.index = index;
        this.sequencer = sequencer;
        this.json = json;
        this.timeout = timeout;
    }

    public int partitions() {
        return sequencer.partitions();
    }

    /**
     * Changes the index and announces the change to every partition (empty deltas too), then waits for the
     * replies: the positions from which every partition routes with the change in force. A partition that does not
     * answer in time (its fan-out is down) gets the stream's last sequence: its successor re-reads the table from
     * this instance before routing anything after its acked position, and replay covers up to that sequence.
     */
    public long[] changeAndArm(Function<LocalIndex<LiveSession>, LocalIndex.Change> change) {
        List<CompletableFuture<Message>> replies = new ArrayList<>();
        synchronized (this) {
            for (InterestDelta delta : sequencer.deltas(change.apply(index), true)) {
                replies.add(request(delta));
            }
        }
        long[] positions = new long[partitions()];
        boolean[] answered = new boolean[partitions()];
        for (CompletableFuture<Message> reply : replies) {
            try {
                InterestReply r = json.readValue(
                        reply.get(timeout.toMillis(), TimeUnit.MILLISECONDS).getData(), InterestReply.class);
                positions[r.partition()] = Math.max(positions[r.partition()], r.position());
                answered[r.partition()] = true;
            } catch (Exception e) {
                LOG.warn("no interest reply in {}: {}", timeout, e.toString());
            }
        }
        for (int p = 0; p < positions.length; p++) {
            if (!answered[p]) {
                positions[p] = Math.max(positions[p], lastStreamSeq());
            }
        }
        return positions;
    }

    /** Changes the index and announces the change without waiting (leaving, joining). */
    public void change(Function<LocalIndex<LiveSession>, LocalIndex.Change> change) {
        synchronized (this) {
            for (InterestDelta delta : sequencer.deltas(change.apply(index), false)) {
                request(delta).exceptionally(e -> null);
            }
        }
    }

    /** A fan-out asked for everything: a reset delta with every channel of the partition. */
    public void reannounce(int partition) {
        synchronized (this) {
            for (InterestDelta delta : sequencer.reannounce(partition, index.channels())) {
                request(delta).exceptionally(e -> null);
            }
        }
    }

    /** At start: every partition forgets what a previous process of this instance id announced. */
    public void resetAll() {
        for (int p = 0; p < partitions(); p++) {
            reannounce(p);
        }
    }

    public synchronized List<Long> lastSeqs() {
        List<Long> seqs = new ArrayList<>();
        for (int p = 0; p < partitions(); p++) {
            seqs.add(sequencer.lastSeq(p));
        }
        return seqs;
    }

    private CompletableFuture<Message> request(InterestDelta delta) {
        try {
            return connection.request(RoutingSubjects.interest(delta.partition()), json.writeValueAsBytes(delta));
        } catch (Exception e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    private long lastStreamSeq() {
        try {
            return connection
                    .jetStreamManagement()
                    .getStreamInfo(Subjects.MESSAGES_STREAM)
                    .getStreamState()
                    .getLastSequence();
        } catch (Exception e) {
            LOG.warn("cannot read the stream's last sequence: {}", e.toString());
            return 0;
        }
    }
}
