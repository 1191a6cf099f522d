package io.chorus.notification.core;

import java.util.ArrayList;
import java.util.List;

/**
 * One client's socket on this instance, and how far it has been served: per fan-out partition, the stream
 * sequence up to which it has every event of its channels (its {@link ResumeToken}). An event at or below its
 * partition's watermark is a duplicate and is dropped; so replay and live delivery may overlap without a client
 * seeing an event twice. Until it is armed (replay done), live events wait in a pending list.
 */
public final class LiveSession {
    private final String sessionId;
    private final String userId;
    private final OutboundQueue out;
    private final long[] watermarks;
    private final int pendingCapacity;
    private long meta = ResumeToken.NO_META;
    private List<Pending> pending = new ArrayList<>();

    /** What waits until the session is armed: an event (envelope set) or a channel change (frame set). */
    private record Pending(int partition, long seq, String channelId, byte[] envelope, ChangeFrame frame) {}

    /** A channel change frame, made with the resume token that includes it. */
    @FunctionalInterface
    public interface ChangeFrame {
        String with(ResumeToken resume);
    }

    public LiveSession(String sessionId, String userId, OutboundQueue out, int partitions, int pendingCapacity) {
        this.sessionId = sessionId;
        this.userId = userId;
        this.out = out;
        this.watermarks = new long[partitions];
        this.pendingCapacity = pendingCapacity;
    }

    public String sessionId() {
        return sessionId;
    }

    public String userId() {
        return userId;
    }

    public OutboundQueue out() {
        return out;
    }

    /** A live event from the inbox. */
    public synchronized void deliver(int partition, long seq, String channelId, byte[] envelope) {
        if (pending != null) {
            if (pending.size() >= pendingCapacity) {
                pending = null;
                out.closeSession(CloseCodes.SLOW_CONSUMER, "slow consumer: too many events while resuming");
                return;
            }
            pending.add(new Pending(partition, seq, channelId, envelope, null));
            return;
        }
        send(partition, seq, channelId, envelope);
    }

    /** A live channel change, {@code metaSeq} its {@code META} stream sequence. */
    public synchronized void change(long metaSeq, ChangeFrame frame) {
        if (pending != null) {
            if (pending.size() >= pendingCapacity) {
                pending = null;
                out.closeSession(CloseCodes.SLOW_CONSUMER, "slow consumer: too many events while resuming");
                return;
            }
            pending.add(new Pending(-1, metaSeq, null, null, frame));
            return;
        }
        sendChange(metaSeq, frame);
    }

    /** A replayed channel change: sent now (the session is not armed yet). */
    public synchronized void replayChange(long metaSeq, ChangeFrame frame) {
        sendChange(metaSeq, frame);
    }

    /** A replayed event: sent now (the session is not armed yet, so nothing live has gone out). */
    public synchronized void replay(int partition, long seq, String channelId, byte[] envelope) {
        send(partition, seq, channelId, envelope);
    }

    /**
     * Replay is done up to {@code upTo} per partition: raise the watermarks, send what waited (dropping what the
     * replay already covered) and deliver live from now on.
     */
    public synchronized void arm(long[] upTo) {
        arm(upTo, ResumeToken.NO_META);
    }

    /**
     * As {@link #arm(long[])}, when the channel changes were replayed up to {@code changesUpTo}: changes that waited
     * and are at or below it were replayed already and are dropped.
     */
    public synchronized void arm(long[] upTo, long changesUpTo) {
        for (int p = 0; p < watermarks.length; p++) {
            watermarks[p] = Math.max(watermarks[p], upTo[p]);
        }
        meta = Math.max(meta, changesUpTo);
        List<Pending> waited = pending;
        pending = null;
        if (waited != null) {
            for (Pending e : waited) {
                if (e.frame() == null) {
                    send(e.partition(), e.seq(), e.channelId(), e.envelope());
                } else if (e.seq() > changesUpTo) {
                    sendChange(e.seq(), e.frame());
                }
            }
        }
    }

    /** The {@code META} position the session's channel changes start after. */
    public synchronized void startChangesFrom(long metaSeq) {
        meta = metaSeq;
    }

    public synchronized long changesWatermark() {
        return meta;
    }

    /** Where a resuming session starts: what its client already has. */
    public synchronized void startFrom(long[] resumedWatermarks) {
        System.arraycopy(resumedWatermarks, 0, watermarks, 0, watermarks.length);
    }

    public synchronized ResumeToken token() {
        return new ResumeToken(watermarks.clone(), meta);
    }

    public synchronized boolean armed() {
        return pending == null;
    }

    public void sendFrame(String frame) {
        out.offer(frame);
    }

    private void send(int partition, long seq, String channelId, byte[] envelope) {
        if (seq <= watermarks[partition]) {
            return;
        }
        watermarks[partition] = seq;
        out.offer(Frames.event(seq, channelId, new ResumeToken(watermarks.clone(), meta), envelope));
    }

    private void sendChange(long metaSeq, ChangeFrame frame) {
        meta = Math.max(meta, metaSeq);
        out.offer(frame.with(token()));
    }

    @Override
    public String toString() {
        return sessionId + "(" + userId + ")";
    }
}
