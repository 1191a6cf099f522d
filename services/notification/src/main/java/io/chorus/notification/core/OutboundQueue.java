package io.chorus.notification.core;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.concurrent.TimeUnit;

/**
 * A session's bounded outbound buffer. Frames go out one at a time in order; while one is on the wire the next
 * wait here. Slow-consumer policy: when {@code capacity} frames, or frames of {@code maxBytes} in all, are waiting,
 * the session is closed with {@link CloseCodes#SLOW_CONSUMER} (the client reconnects and resumes from its token);
 * nothing ever blocks the caller, which is the instance's one NATS dispatcher thread.
 *
 * <p>Both bounds: a count alone let a client that does not read hold {@code capacity} frames of any size (4,096
 * messages of 64 KiB are 256 MiB, the whole heap). Bytes are counted as the frames' characters: the frames are
 * JSON, almost all ASCII, which the JVM stores a byte a character.
 */
public final class OutboundQueue {
    private final Outbound socket;
    private final int capacity;
    private final long maxBytes;
    private long waitingBytes;
    private final ArrayDeque<String> waiting = new ArrayDeque<>();
    private boolean inFlight;
    private boolean closed;
    private volatile Thread sendingThread;
    private boolean completedInline;

    public OutboundQueue(Outbound socket, int capacity, long maxBytes) {
        this.socket = socket;
        this.capacity = capacity;
        this.maxBytes = maxBytes;
    }

    /** False when the frame was not taken: the queue is closed, or it was full and the session is now closed. */
    public boolean offer(String frame) {
        boolean overflow = false;
        boolean start = false;
        synchronized (this) {
            if (closed) {
                return false;
            }
            if (waiting.size() >= capacity || waitingBytes + frame.length() > maxBytes) {
                closed = true;
                overflow = true;
                clear();
            } else {
                waiting.add(frame);
                waitingBytes += frame.length();
                if (!inFlight) {
                    inFlight = true;
                    start = true;
                }
            }
        }
        if (overflow) {
            socket.close(
                    CloseCodes.SLOW_CONSUMER,
                    "slow consumer: more than " + capacity + " frames or " + maxBytes + " bytes waiting");
            return false;
        }
        if (start) {
            drain();
        }
        return true;
    }

    public synchronized int waiting() {
        return waiting.size();
    }

    /**
     * Waits until at most half of each bound waits, so that a producer that may block (a replay, never the NATS
     * dispatcher) cannot fill the queue by itself. False when the queue is closed; true otherwise, also when the
     * timeout passed: the next offer then decides, and a client that stopped reading overflows and is closed.
     */
    public synchronized boolean awaitRoom(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!closed && (waiting.size() > capacity / 2 || waitingBytes > maxBytes / 2)) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                break;
            }
            TimeUnit.NANOSECONDS.timedWait(this, left);
        }
        return !closed;
    }

    public synchronized long waitingBytes() {
        return waitingBytes;
    }

    public synchronized void close() {
        closed = true;
        clear();
    }

    private void clear() {
        waiting.clear();
        waitingBytes = 0;
        notifyAll();
    }

    /** Stops sending and closes the socket with a code (docs/protocol.md). */
    public void closeSession(int code, String reason) {
        close();
        socket.close(code, reason);
    }

    /** Sends until the queue is empty or a send completes later (its callback then continues the drain). */
    private void drain() {
        while (true) {
            String next;
            synchronized (this) {
                next = closed ? null : waiting.poll();
                if (next == null) {
                    inFlight = false;
                    return;
                }
                waitingBytes -= next.length();
                notifyAll(); // room for a producer in awaitRoom
                completedInline = false;
            }
            sendingThread = Thread.currentThread();
            socket.send(next, this::sent);
            sendingThread = null;
            synchronized (this) {
                if (!completedInline) {
                    return;
                }
            }
        }
    }

    private void sent(Throwable error) {
        if (error != null) {
            close();
            socket.close(CloseCodes.INTERNAL_ERROR, "send failed");
            return;
        }
        if (sendingThread == Thread.currentThread()) {
            synchronized (this) {
                completedInline = true; // the drain loop on this thread goes on: no recursion
            }
            return;
        }
        drain();
    }
}
