package io.chorus.harness.workload;

import io.chorus.harness.Poll;
import io.chorus.harness.history.HistoryWriter;
import io.chorus.harness.history.RunClock;
import io.chorus.harness.population.Seeder;
import io.chorus.harness.stack.StackDescription;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The online users as real WebSocket clients (java.net.http): one socket per user on the notification instance its
 * placement names. All sockets share one {@link HttpClient} whose callbacks run on a small fixed pool, so thousands
 * of sockets cost a selector thread and a few workers, not a thread each. Connects at most {@code connectWindow}
 * sockets at a time (an instance sets a session up per connect: loads the user's channels, announces interest),
 * pings every socket every 20 s (the server closes sockets idle for 60 s), and follows {@link OnlineFleet}'s
 * contract for the history.
 */
public final class WebSocketFleet implements OnlineFleet {
    private static final Duration PING_EVERY = Duration.ofSeconds(20);

    private final Duration readyTimeout;
    private final int connectWindow;
    private final ExecutorService callbacks;
    private final HttpClient http;
    private final ScheduledExecutorService pinger = Executors.newSingleThreadScheduledExecutor(daemon("fleet-ping"));
    private final AtomicLong lastFrameNanos = new AtomicLong(System.nanoTime());
    private final List<FleetSocket> sockets = new ArrayList<>();
    private boolean closed;

    public WebSocketFleet() {
        this(Duration.ofMinutes(2), 200);
    }

    public WebSocketFleet(Duration readyTimeout, int connectWindow) {
        this.readyTimeout = readyTimeout;
        this.connectWindow = connectWindow;
        this.callbacks = Executors.newFixedThreadPool(Math.max(4, Runtime.getRuntime().availableProcessors() * 2),
                daemon("fleet-socket"));
        this.http = HttpClient.newBuilder().executor(callbacks).connectTimeout(Duration.ofSeconds(30)).build();
    }

    @Override
    public void connect(StackDescription stack, Map<String, Integer> placement, Seeder.Seeded users,
            HistoryWriter history, RunClock clock, LiveCounters live) {
        List<StackDescription.Endpoint> instances = stack.services().notification();
        Semaphore window = new Semaphore(connectWindow);
        long deadline = System.nanoTime() + readyTimeout.toNanos();
        AtomicInteger serial = new AtomicInteger();
        for (Map.Entry<String, Integer> entry : placement.entrySet()) {
            // a scenario's placement may name more instances than an external stack has: wrap around
            StackDescription.Endpoint instance = instances.get(entry.getValue() % instances.size());
            FleetSocket socket = new FleetSocket(entry.getKey(), entry.getKey() + "@" + instance.name() + "#"
                    + serial.incrementAndGet(), instance.name(), history, clock, live, lastFrameNanos);
            acquire(window, deadline);
            socket.ready.whenComplete((ok, e) -> window.release());
            synchronized (sockets) {
                sockets.add(socket);
            }
            socket.open(http, instance.ws(), users.tokenFor(entry.getKey()));
        }
        awaitReady(deadline);
        pinger.scheduleAtFixedRate(this::pingAll, PING_EVERY.toMillis(), PING_EVERY.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void acquire(Semaphore window, long deadline) {
        try {
            if (!window.tryAcquire(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS)) {
                throw new IllegalStateException("sockets still connecting after " + readyTimeout.toSeconds()
                        + " s; " + describeNotReady());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private void awaitReady(long deadline) {
        try {
            CompletableFuture.allOf(snapshot().stream().map(s -> s.ready.exceptionally(e -> null))
                    .toArray(CompletableFuture[]::new)).get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            // reported below with the users concerned
        } catch (Exception e) {
            throw new IllegalStateException("waiting for the sockets: " + e, e);
        }
        String notReady = describeNotReady();
        if (!notReady.isEmpty()) {
            throw new IllegalStateException(notReady);
        }
    }

    private String describeNotReady() {
        List<String> failed = new ArrayList<>();
        long pending = 0;
        for (FleetSocket s : snapshot()) {
            if (!s.ready.isDone()) {
                pending++;
                if (failed.size() < 10) {
                    failed.add(s.user + " on " + s.instance + " (no ready yet)");
                }
            } else if (s.ready.isCompletedExceptionally()) {
                if (failed.size() < 10) {
                    failed.add(s.user + " on " + s.instance + " (" + s.ready.handle((v, e) -> rootMessage(e)).join()
                            + ")");
                }
                pending++;
            }
        }
        return pending == 0 ? "" : pending + " of " + snapshot().size() + " sockets did not become ready within "
                + readyTimeout.toSeconds() + " s, e.g. " + String.join("; ", failed);
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t.toString();
    }

    @Override
    public void drain(Duration quiet, Duration max) {
        long start = System.nanoTime();
        Poll.until("no event frame for " + quiet.toMillis() + " ms", max.plus(quiet), () -> {
            long now = System.nanoTime();
            long sinceFrame = now - Math.max(lastFrameNanos.get(), start);
            return sinceFrame >= quiet.toNanos() || now - start >= max.toNanos();
        });
    }

    /** Every socket's {@code SessionClose} is appended before this returns; the close handshakes get 5 s. */
    @Override
    public void close() {
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
        }
        pinger.shutdownNow();
        List<CompletableFuture<?>> closing = new ArrayList<>();
        for (FleetSocket s : snapshot()) {
            closing.add(s.close("end of run"));
        }
        try {
            CompletableFuture.allOf(closing.toArray(CompletableFuture[]::new)).get(5, TimeUnit.SECONDS);
        } catch (Exception e) {
            // a socket that does not finish its close handshake is aborted below
        }
        snapshot().forEach(FleetSocket::abort);
        callbacks.shutdown();
    }

    private void pingAll() {
        snapshot().forEach(FleetSocket::ping);
    }

    private List<FleetSocket> snapshot() {
        synchronized (sockets) {
            return new ArrayList<>(sockets);
        }
    }

    private static ThreadFactory daemon(String name) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, name + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }
}
