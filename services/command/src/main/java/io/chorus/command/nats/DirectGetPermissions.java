package io.chorus.command.nats;

import io.chorus.command.core.PermissionLookups;
import io.chorus.common.api.ApiException;
import io.chorus.common.nats.ManagedNatsConnection;
import io.chorus.common.nats.PermissionsBucket;
import io.nats.client.Message;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * Reads the {@code permissions} bucket without blocking anyone (decision 0063): each read is a JetStream direct get
 * of the key's subject through the client's asynchronous {@code request}, so no request thread waits for NATS.
 * <ul>
 *   <li>One thread ({@code permission-reader}) hands every read to the client: request threads only add to a
 *       lock-free queue, for the reason {@code SendWindow} publishes on one thread (the client's outgoing queue has
 *       one lock, and hundreds of request threads convoy on it; decision 0039).</li>
 *   <li>At most {@code maxInFlight} reads are outstanding; past that a read fails at once with 503 and Retry-After.</li>
 *   <li>A read not answered within {@code timeout}, or refused by NATS, fails with the same 503.</li>
 *   <li>Answers are completed on {@code answers}, never on the NATS client's threads, which must stay free to read.</li>
 * </ul>
 */
public final class DirectGetPermissions implements PermissionLookups, AutoCloseable {
    private static final byte[] NO_BODY = new byte[0];

    private record Pending(String key, CompletableFuture<Optional<String>> answer) {}

    private final ManagedNatsConnection nats;
    private final Duration timeout;
    private final Executor answers;
    private final Semaphore free;
    private final int maxInFlight;
    private final ConcurrentLinkedQueue<Pending> queue = new ConcurrentLinkedQueue<>();
    private final Thread reader;
    private volatile boolean running = true;

    public DirectGetPermissions(ManagedNatsConnection nats, Duration timeout, int maxInFlight, Executor answers) {
        if (maxInFlight < 1) {
            throw new IllegalArgumentException("at least one read must be allowed in flight: " + maxInFlight);
        }
        this.nats = nats;
        this.timeout = timeout;
        this.answers = answers;
        this.maxInFlight = maxInFlight;
        this.free = new Semaphore(maxInFlight);
        this.reader = new Thread(this::handOverUntilClosed, "permission-reader");
        reader.setDaemon(true);
        reader.start();
    }

    @Override
    public CompletionStage<Optional<String>> role(String channelId, String userId) {
        return read(() -> PermissionsBucket.membershipKey(channelId, userId));
    }

    @Override
    public CompletionStage<Optional<String>> kind(String channelId) {
        return read(() -> PermissionsBucket.channelKey(channelId));
    }

    private CompletionStage<Optional<String>> read(java.util.function.Supplier<String> key) {
        try {
            return read(key.get());
        } catch (RuntimeException e) { // as the blocking reads: a key that cannot be asked is not a 500
            return CompletableFuture.failedFuture(unavailable("permissions cannot be checked right now; retry"));
        }
    }

    private CompletionStage<Optional<String>> read(String key) {
        if (!running) {
            return CompletableFuture.failedFuture(unavailable("shutting down; retry"));
        }
        if (!free.tryAcquire()) {
            return CompletableFuture.failedFuture(unavailable("too many permission checks are waiting; retry"));
        }
        Pending read = new Pending(key, new CompletableFuture<>());
        CompletionStage<Optional<String>> answer = read.answer().whenComplete((value, error) -> free.release());
        // the bound counts from the question, so time queued for the reader thread is inside it too
        CompletableFuture.delayedExecutor(timeout.toMillis(), TimeUnit.MILLISECONDS, answers)
                .execute(() -> read.answer()
                        .completeExceptionally(unavailable("permissions were not answered in time; retry")));
        queue.add(read);
        LockSupport.unpark(reader);
        return answer;
    }

    private void handOverUntilClosed() {
        while (running) {
            Pending read = queue.poll();
            if (read == null) {
                LockSupport.park(this);
            } else {
                handOver(read);
            }
        }
    }

    private void handOver(Pending read) {
        try {
            nats.connection()
                    .requestWithTimeout(PermissionsBucket.directGetSubject(read.key()), null, NO_BODY, timeout)
                    .whenCompleteAsync((reply, error) -> settle(read, reply, error), answers);
        } catch (RuntimeException e) {
            read.answer().completeExceptionally(unavailable("permissions cannot be checked right now; retry"));
        }
    }

    private static void settle(Pending read, Message reply, Throwable error) {
        if (error != null) {
            read.answer().completeExceptionally(unavailable("permissions cannot be checked right now; retry"));
            return;
        }
        try {
            read.answer().complete(value(reply));
        } catch (RuntimeException e) {
            read.answer().completeExceptionally(unavailable("permissions cannot be checked right now; retry"));
        }
    }

    /** The key's value as a direct get reply tells it; a reply that is neither a value nor "no key" throws. */
    static Optional<String> value(Message reply) {
        return PermissionsBucket.directGetValue(reply);
    }

    /**
     * @param status    the reply's status code, 0 when it carries a message
     * @param operation the message's {@code KV-Operation} header (absent on a put)
     */
    static Optional<String> value(int status, String operation, byte[] data) {
        return PermissionsBucket.directGetValue(status, operation, data);
    }

    /** Reads outstanding now (queued or waiting for NATS). */
    public int inFlight() {
        return maxInFlight - free.availablePermits();
    }

    /** Stops the reading thread; reads still queued are answered 503. */
    @Override
    public void close() {
        running = false;
        LockSupport.unpark(reader);
        for (Pending read; (read = queue.poll()) != null; ) {
            read.answer().completeExceptionally(unavailable("shutting down; retry"));
        }
    }

    private static ApiException unavailable(String message) {
        return new ApiException(503, "unavailable", message, Duration.ofSeconds(1));
    }
}
