package io.chorus.common.routing;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * Turns an instance's interest changes into numbered {@link InterestDelta}s, one stream of sequence numbers per
 * fan-out partition, each delta holding only that partition's channels and at most {@link #MAX_CHANNELS} of them
 * (a user in 100K channels is announced in chunks that fit a NATS message). Not thread-safe: the instance's
 * announcer calls it from one thread, in the order the index changed.
 */
public final class DeltaSequencer {
    public static final int MAX_CHANNELS = 10_000;

    private final String instanceId;
    private final int partitions;
    private final long[] seq;

    public DeltaSequencer(String instanceId, int partitions) {
        this.instanceId = instanceId;
        this.partitions = partitions;
        this.seq = new long[partitions];
    }

    public int partitions() {
        return partitions;
    }

    /** The deltas of a change; partitions the change does not touch get none. */
    public List<InterestDelta> deltas(LocalIndex.Change change) {
        return deltas(change, false);
    }

    /**
     * The deltas of a change; with {@code everyPartition}, a partition the change does not touch gets an empty
     * delta all the same: a barrier whose reply says from which stream position on the instance's interest holds.
     */
    public List<InterestDelta> deltas(LocalIndex.Change change, boolean everyPartition) {
        List<InterestDelta> deltas = new ArrayList<>();
        List<List<String>> gained = split(change.gained());
        List<List<String>> lost = split(change.lost());
        for (int p = 0; p < partitions; p++) {
            emit(deltas, p, false, gained.get(p), lost.get(p), everyPartition);
        }
        return deltas;
    }

    /**
     * A full re-announce for one partition: a {@code reset} delta, then the rest of the channels. Also what an
     * instance sends at start (with no channels), so a fan-out forgets what a previous process of the same id had.
     */
    public List<InterestDelta> reannounce(int partition, Collection<String> allChannels) {
        List<InterestDelta> deltas = new ArrayList<>();
        emit(deltas, partition, true, split(allChannels).get(partition), List.of(), true);
        return deltas;
    }

    private void emit(
            List<InterestDelta> out,
            int p,
            boolean reset,
            List<String> gained,
            List<String> lost,
            boolean evenIfEmpty) {
        if (gained.isEmpty() && lost.isEmpty() && !evenIfEmpty) {
            return;
        }
        int g = 0;
        int l = 0;
        boolean first = true;
        do {
            int gEnd = Math.min(gained.size(), g + MAX_CHANNELS);
            int lEnd = Math.min(lost.size(), l + MAX_CHANNELS - (gEnd - g));
            out.add(new InterestDelta(
                    instanceId,
                    p,
                    ++seq[p],
                    reset && first,
                    List.copyOf(gained.subList(g, gEnd)),
                    List.copyOf(lost.subList(l, lEnd))));
            g = gEnd;
            l = lEnd;
            first = false;
        } while (g < gained.size() || l < lost.size());
    }

    /** The last sequence number sent to a partition: heartbeats carry it, so a fan-out notices a lost last delta. */
    public long lastSeq(int partition) {
        return seq[partition];
    }

    private List<List<String>> split(Collection<String> channels) {
        List<List<String>> byPartition = new ArrayList<>();
        for (int p = 0; p < partitions; p++) {
            byPartition.add(new ArrayList<>());
        }
        for (String channel : channels) {
            byPartition.get(ChannelPartitioner.partition(channel, partitions)).add(channel);
        }
        return byPartition;
    }
}
