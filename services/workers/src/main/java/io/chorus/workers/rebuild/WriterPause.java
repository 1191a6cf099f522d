package io.chorus.workers.rebuild;

import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Keeps a live writer's batches out of a store while a rebuild replays into it (decision 0140). The metadata stores
 * are not versioned per event as search and history are: a replayed add written after the live writer applied a
 * later removal would bring the membership back. So the live writer applies each batch inside {@link #between}, and
 * a rebuild runs inside {@link #hold}: the live batch in hand waits, its ack deadline kept alive, and applies after
 * the replay, in the stream's order again. The lock is fair, so a waiting rebuild gets it at the next batch.
 */
public final class WriterPause {
    /** How often a waiting live batch tells the stream it is still being worked on. */
    static final Duration HEARTBEAT = Duration.ofSeconds(5);

    private final ReentrantLock lock = new ReentrantLock(true);

    /** Runs {@code rebuild} while no live batch is applied. */
    public <T> T hold(Callable<T> rebuild) throws Exception {
        lock.lockInterruptibly();
        try {
            return rebuild.call();
        } finally {
            lock.unlock();
        }
    }

    /** Applies a live batch once no rebuild holds the store; {@code heartbeat} runs while it waits. */
    public <T> T between(Runnable heartbeat, Callable<T> batch) throws Exception {
        while (!lock.tryLock(HEARTBEAT.toMillis(), TimeUnit.MILLISECONDS)) {
            heartbeat.run();
        }
        try {
            return batch.call();
        } finally {
            lock.unlock();
        }
    }
}
