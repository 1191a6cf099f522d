package io.chorus.harness.workload;

import io.chorus.harness.Poll;
import io.chorus.harness.client.ChorusClient;
import io.chorus.harness.client.RateLimitWait;
import io.chorus.harness.history.HistoryWriter;
import io.chorus.harness.history.RunClock;
import io.chorus.harness.population.Seeder;
import io.chorus.harness.stack.StackDescription;
import io.netty.bootstrap.Bootstrap;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.resolver.NoopAddressResolverGroup;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
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
 * The online users as real WebSocket clients (Netty): one socket per user on the notification instance its
 * placement names. All sockets share one group of {@value #LOOP_THREADS} NIO event loops, which read, decode and
 * record every frame; thousands of sockets cost those threads, not a thread each. The JDK's WebSocket client,
 * which this replaced, ran every socket's receive work on its one selector thread (UTF-8 decoding, receive tasks,
 * future chains; decision 0086). Here the two loops share that work, and a frame costs about 5 us of CPU in the JVM
 * (11 there) plus the kernel's socket read. The loops are daemon threads, shut down when the fleet closes. Connects
 * at most {@code connectWindow} sockets at a time (an instance sets a session up per connect: loads the user's
 * channels, announces interest), pings every socket every 20 s, a twentieth of them each second (the server closes
 * sockets idle for 60 s), and follows {@link OnlineFleet}'s contract for the history.
 *
 * <p>Like a real client behind a load balancer, a user whose ready socket is closed by anything but the fleet (its
 * instance killed, 4009, 4008, a reset) reconnects with the latest resume token it was given: first to its placed
 * instance, then, when that does not answer or set the session up within {@value #ATTEMPT_SECONDS} s, to the next
 * instance, and so on round the instances, after a backoff that doubles from 100 ms up to 2 s (with jitter, so a
 * killed instance's clients do not all arrive in the same millisecond). It keeps trying until the fleet closes
 * (the recovery checker counts a user that never came back). Closes that say the client itself is wrong (4001
 * bad token, 4002 no auth, 1009 frame too big) are not retried. Each reconnect is a {@code SessionClose} of the old
 * connection and a {@code SessionOpen} of a new one; decision 0056. A resume the server answers with
 * {@code resync_required} is followed, as the protocol asks, by a read of the user's channels' history from the Query
 * API ({@link HistoryCatchUp}), recorded as {@code history-read} ops; decision 0130.
 */
public final class WebSocketFleet implements OnlineFleet {
    private static final Duration PING_EVERY = Duration.ofSeconds(20);
    /** The ping period's ticks: each tick pings one socket in this many (decision 0092). */
    static final int PING_SLOTS = 20;

    static final long ATTEMPT_SECONDS = 15;
    private static final long FIRST_BACKOFF_MILLIS = 100;
    private static final long MAX_BACKOFF_MILLIS = 2_000;
    private static final java.util.Set<Integer> CLIENT_FAULTS = java.util.Set.of(4001, 4002, 1009);
    /** Event loops for every socket: the harness shares its 2 cores with the whole stack on this machine. */
    static final int LOOP_THREADS = 2;

    private final Duration readyTimeout;
    private final int connectWindow;
    private final boolean throughGateway;
    private final EventLoopGroup loops;
    /** What every socket's connect starts from: the loops, NIO, no name lookups on a loop (sockets resolve first). */
    private final Bootstrap bootstrap;

    private final ScheduledExecutorService pinger = Executors.newSingleThreadScheduledExecutor(daemon("fleet-ping"));
    private final ScheduledExecutorService reconnects =
            Executors.newSingleThreadScheduledExecutor(daemon("fleet-reconnect"));
    private final AtomicLong lastFrameNanos = new AtomicLong(System.nanoTime());
    private final AtomicInteger serial = new AtomicInteger();
    private final AtomicLong reconnectCount = new AtomicLong();
    private long pingTick; // the pinger's thread only
    /** Each user's current connection, in placement order. */
    private final Map<String, FleetSocket> sockets = new java.util.LinkedHashMap<>();

    private final Map<String, Integer> placed = new java.util.HashMap<>();
    private volatile Session session;
    /** Each user's last message id by channel, kept by its sockets' event loops. */
    private final Map<String, Map<String, String>> lastHad = new ConcurrentHashMap<>();
    /** When each user's first socket began to connect: nothing older is owed to it, so no history read goes further. */
    private final Map<String, Long> firstAsked = new ConcurrentHashMap<>();

    private final ExecutorService catchUps = Executors.newSingleThreadExecutor(daemon("fleet-history"));
    private volatile boolean closed;

    /** What a reconnect needs of the run. */
    private record Session(
            List<StackDescription.Endpoint> instances,
            Seeder.Seeded users,
            HistoryWriter history,
            RunClock clock,
            LiveCounters live,
            HistoryCatchUp catchUp) {}

    public WebSocketFleet() {
        this(Duration.ofMinutes(2), 200);
    }

    public WebSocketFleet(Duration readyTimeout, int connectWindow) {
        this(readyTimeout, connectWindow, false);
    }

    /** A scenario run's fleet: through the stack's gateway when it has one (decision 0220). */
    public static WebSocketFleet throughGateway() {
        return new WebSocketFleet(Duration.ofMinutes(2), 200, true);
    }

    /**
     * @param throughGateway whether sockets (and history reads) go through the stack's gateway when it has one, which
     *                       places them; else each to the notification instance its placement names (what tests of
     *                       placement and reconnects need)
     */
    private WebSocketFleet(Duration readyTimeout, int connectWindow, boolean throughGateway) {
        this.throughGateway = throughGateway;
        this.readyTimeout = readyTimeout;
        this.connectWindow = connectWindow;
        // the loops' threads start with the first socket; daemon, so a fleet never closed cannot hold the JVM
        this.loops = new MultiThreadIoEventLoopGroup(
                LOOP_THREADS, new DefaultThreadFactory("fleet-loop", true), NioIoHandler.newFactory());
        this.bootstrap = new Bootstrap()
                .group(loops)
                .channel(NioSocketChannel.class)
                .option(ChannelOption.TCP_NODELAY, true)
                .resolver(NoopAddressResolverGroup.INSTANCE);
    }

    @Override
    public void connect(
            StackDescription stack,
            Map<String, Integer> placement,
            Seeder.Seeded users,
            HistoryWriter history,
            RunClock clock,
            LiveCounters live) {
        // the gateway alone when the stack has one: it places each socket (least connections), and a reconnect
        // through it reaches a live instance
        List<StackDescription.Endpoint> instances =
                throughGateway ? stack.socketEntries() : stack.services().notification();
        HistoryCatchUp catchUp = new HistoryCatchUp(
                throughGateway
                        ? ChorusClient.at(
                                stack.commandEntry(), stack.queryEntry(), RateLimitWait.within(Duration.ofSeconds(30)))
                        : ChorusClient.of(stack),
                Poll::pause,
                clock::nowMicros,
                () -> closed);
        session = new Session(instances, users, history, clock, live, catchUp);
        Semaphore window = new Semaphore(connectWindow);
        long deadline = System.nanoTime() + readyTimeout.toNanos();
        // pings start with the first socket, not after the last is ready: opening 5,000 takes longer than the
        // server's 60 s idle timeout, which closed the first sockets before any ping (557 in a million-member run)
        long tick = PING_EVERY.toMillis() / PING_SLOTS;
        pinger.scheduleAtFixedRate(this::pingSlot, tick, tick, TimeUnit.MILLISECONDS);
        for (Map.Entry<String, Integer> entry : placement.entrySet()) {
            // a scenario's placement may name more instances than an external stack has: wrap around
            int index = entry.getValue() % instances.size();
            FleetSocket socket = newSocket(entry.getKey(), index, null);
            acquire(window, deadline);
            socket.ready.whenComplete((ok, e) -> window.release());
            synchronized (sockets) {
                placed.put(entry.getKey(), index);
                sockets.put(entry.getKey(), socket);
            }
            retryIfUnanswered(socket, entry.getKey(), index);
            socket.open(bootstrap, instances.get(index).ws(), users.tokenFor(entry.getKey()), Duration.ofSeconds(30));
        }
        awaitReady(deadline);
    }

    /** How many reconnects succeeded so far (a user that dropped and is ready again). */
    public long reconnects() {
        return reconnectCount.get();
    }

    private FleetSocket newSocket(String user, int instance, String resume) {
        Session s = session;
        String name = s.instances().get(instance).name();
        firstAsked.putIfAbsent(user, s.clock().nowMicros());
        return new FleetSocket(
                user,
                user + "@" + name + "#" + serial.incrementAndGet(),
                name,
                resume,
                s.history(),
                s.clock(),
                s.live(),
                lastFrameNanos,
                this::dropped,
                lastHad.computeIfAbsent(user, u -> new ConcurrentHashMap<>()),
                this::resynced);
    }

    /**
     * The server could not replay what the user missed ({@code resync_required}): as the protocol asks a client, read
     * it from history, one user at a time on the fleet's own thread, and record what was read. The socket stays: the
     * server carries on live on it.
     */
    private void resynced(FleetSocket socket) {
        Session s = session;
        Map<String, String> had = Map.copyOf(lastHad.getOrDefault(socket.user, Map.of()));
        long since = firstAsked.getOrDefault(socket.user, s.clock().startMicros());
        try {
            catchUps.execute(() -> s.catchUp()
                    .read(socket.user, s.users().tokenFor(socket.user), had, since)
                    .forEach(s.history()::append));
        } catch (java.util.concurrent.RejectedExecutionException e) {
            // the fleet is closing: the run is over, nothing more is read
        }
    }

    /** A ready socket ended without the fleet asking: reconnect, unless the server said the client is wrong. */
    private void dropped(FleetSocket socket) {
        if (closed || CLIENT_FAULTS.contains(socket.closeCode())) {
            return;
        }
        int home;
        synchronized (sockets) {
            home = placed.getOrDefault(socket.user, 0);
        }
        schedule(socket.user, home, 0, socket.resume(), 0);
    }

    /** @param firstAsked when a first connect that is being retried began (its ready time counts from then), or 0 */
    private void schedule(String user, int home, int attempt, String resume, long firstAsked) {
        long backoff =
                attempt == 0 ? 0 : Math.min(MAX_BACKOFF_MILLIS, FIRST_BACKOFF_MILLIS << Math.min(attempt - 1, 10));
        long delay = backoff + java.util.concurrent.ThreadLocalRandom.current().nextLong(FIRST_BACKOFF_MILLIS);
        try {
            reconnects.schedule(() -> attempt(user, home, attempt, resume, firstAsked), delay, TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.RejectedExecutionException e) {
            // the fleet is closing: no more reconnects
        }
    }

    private void attempt(String user, int home, int attempt, String resume, long firstAsked) {
        Session s = session;
        int index = (home + attempt) % s.instances().size();
        FleetSocket socket = newSocket(user, index, resume);
        if (firstAsked > 0) {
            socket.readyCountedFrom(firstAsked);
        }
        synchronized (sockets) {
            if (closed) {
                return;
            }
            sockets.put(user, socket);
        }
        socket.ready.orTimeout(ATTEMPT_SECONDS, TimeUnit.SECONDS).whenComplete((ok, e) -> {
            if (e == null) {
                reconnectCount.incrementAndGet();
                return;
            }
            socket.giveUp();
            if (!closed && !CLIENT_FAULTS.contains(socket.closeCode())) {
                // a refused attempt keeps the token it was given: nothing was delivered on it
                schedule(user, home, attempt + 1, socket.resume(), firstAsked);
            }
        });
        socket.open(
                bootstrap,
                s.instances().get(index).ws(),
                s.users().tokenFor(user),
                Duration.ofSeconds(ATTEMPT_SECONDS));
    }

    /**
     * A first connect that is refused for a reason other than the client's, or not ready within
     * {@value #ATTEMPT_SECONDS} s, is tried again as a reconnect without a token, as a real client would; it keeps its
     * ready deadline (the run still fails when a user never gets ready).
     */
    private void retryIfUnanswered(FleetSocket socket, String user, int home) {
        socket.ready.orTimeout(ATTEMPT_SECONDS, TimeUnit.SECONDS).whenComplete((ok, e) -> {
            if (e == null || closed || CLIENT_FAULTS.contains(socket.closeCode())) {
                return;
            }
            socket.giveUp();
            schedule(user, home, 1, null, socket.requested());
        });
    }

    private void acquire(Semaphore window, long deadline) {
        try {
            if (!window.tryAcquire(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS)) {
                throw new IllegalStateException(
                        "sockets still connecting after " + readyTimeout.toSeconds() + " s; " + describeNotReady());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private void awaitReady(long deadline) {
        // a retried first connect replaces its socket in the map: wait on whatever the map holds now
        while (System.nanoTime() < deadline && snapshot().stream().anyMatch(this::stillComing)) {
            try {
                CompletableFuture.allOf(snapshot().stream()
                                .map(s -> s.ready.exceptionally(e -> null))
                                .toArray(CompletableFuture[]::new))
                        .get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            } catch (TimeoutException e) {
                break; // reported below with the users concerned
            } catch (Exception e) {
                throw new IllegalStateException("waiting for the sockets: " + e, e);
            }
            if (snapshot().stream().anyMatch(this::stillComing)) {
                Poll.pause(Duration.ofMillis(FIRST_BACKOFF_MILLIS)); // failed first connects are being retried
            }
        }
        String notReady = describeNotReady();
        if (!notReady.isEmpty()) {
            throw new IllegalStateException(notReady);
        }
    }

    /** Not ready yet, or failed for a reason a retry may cure (its retry enters the map after a backoff). */
    private boolean stillComing(FleetSocket socket) {
        return !socket.ready.isDone()
                || (socket.ready.isCompletedExceptionally() && !CLIENT_FAULTS.contains(socket.closeCode()));
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
                    failed.add(s.user + " on " + s.instance + " ("
                            + s.ready.handle((v, e) -> rootMessage(e)).join() + ")");
                }
                pending++;
            }
        }
        return pending == 0
                ? ""
                : pending + " of " + snapshot().size() + " sockets did not become ready within "
                        + readyTimeout.toSeconds() + " s, e.g. " + String.join("; ", failed);
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t.toString();
    }

    /**
     * Churn: aborts one ready socket (the {@code pick}-th, modulo the users) without a close handshake, as a lost
     * network would; the fleet reconnects it with its resume token like any other drop. The user, or empty when that
     * user's socket was not ready (between a drop and its reconnect) or the fleet is closing.
     */
    @Override
    public java.util.Optional<String> dropOne(long pick) {
        List<FleetSocket> all = snapshot();
        if (closed || all.isEmpty()) {
            return java.util.Optional.empty();
        }
        FleetSocket socket = all.get((int) Math.floorMod(pick, (long) all.size()));
        if (!socket.isReadyAndOpen()) {
            return java.util.Optional.empty();
        }
        socket.abort();
        return java.util.Optional.of(socket.user);
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

    /**
     * Every socket's {@code SessionClose} is appended before this returns; the close frames get 5 s to be written.
     * Pending reconnects are cancelled, and the event loops stop (within a few seconds), so no frame is recorded
     * after this returns.
     */
    @Override
    public void close() {
        synchronized (sockets) {
            if (closed) {
                return;
            }
            closed = true;
        }
        pinger.shutdownNow();
        reconnects.shutdownNow();
        catchUps.shutdown(); // a read under way sees the fleet closed at its next call and records what it had
        try {
            if (!catchUps.awaitTermination(HistoryCatchUp.PATIENCE.toSeconds(), TimeUnit.SECONDS)) {
                catchUps.shutdownNow();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
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
        try {
            if (!loops.shutdownGracefully(0, 2, TimeUnit.SECONDS).await(5, TimeUnit.SECONDS)) {
                System.err.println("the fleet's event loops did not stop within 5 s"); // daemon threads: harmless
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Pings this tick's share of the sockets. Pinging all of them at once made every 20th message of million-member
     * wait behind 5,000 pings and 5,000 pongs (its first receipt 130-440 ms late, the run's p95 receipts); real clients
     * ping on their own timers, spread over the period.
     */
    private void pingSlot() {
        dueAt(snapshot(), pingTick++, PING_SLOTS).forEach(FleetSocket::ping);
    }

    /** The sockets whose turn is {@code tick}: those at the positions equal to it modulo {@code slots}. */
    static <T> List<T> dueAt(List<T> sockets, long tick, int slots) {
        List<T> due = new ArrayList<>();
        for (int i = (int) (tick % slots); i < sockets.size(); i += slots) {
            due.add(sockets.get(i));
        }
        return due;
    }

    private List<FleetSocket> snapshot() {
        synchronized (sockets) {
            return new ArrayList<>(sockets.values());
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
