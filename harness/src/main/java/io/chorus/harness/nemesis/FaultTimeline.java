package io.chorus.harness.nemesis;

import io.chorus.harness.history.FaultWindow;
import io.chorus.harness.history.HistoryWriter;
import io.chorus.harness.stack.StackDescription;
import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * Applies a fault schedule alongside the workload: its clock starts when the load does (the first send of the first
 * phase, not when the load driver is asked to start: on a busy machine the driver's start-up takes tens of seconds,
 * which would move every fault that much earlier against the load), each fault on its own thread starts at its
 * {@code at} and heals at its {@code until}, and each start/heal pair is appended to the history as a
 * {@link FaultWindow}. Closing it (when the phases are over, or when the workload failed) heals at
 * once every fault still in force and skips those not yet started, then tears the nemesis down. A fault that could
 * not be started or healed fails the run: {@link #close} throws, naming each.
 */
public final class FaultTimeline implements AutoCloseable {
    private static final Duration CLOSE_TIMEOUT = StackNemesis.HEAL_TIMEOUT.plusMinutes(1);

    private final Nemesis nemesis;
    private final HistoryWriter history;
    private final PrintStream out;
    private final FaultSchedule schedule;
    private volatile long startNanos;
    private final CountDownLatch closing = new CountDownLatch(1);
    private final ExecutorService threads;
    private final List<String> failures = Collections.synchronizedList(new ArrayList<>());
    private boolean begun; // guarded by this

    private FaultTimeline(
            FaultSchedule schedule,
            Nemesis nemesis,
            HistoryWriter history,
            PrintStream out,
            CompletionStage<?> loadStarted) {
        this.schedule = schedule;
        this.nemesis = nemesis;
        this.history = history;
        this.out = out;
        this.threads =
                Executors.newFixedThreadPool(Math.max(1, schedule.faults().size()), r -> {
                    Thread t = new Thread(r, "nemesis");
                    t.setDaemon(true);
                    return t;
                });
        loadStarted.thenRun(this::begin);
    }

    /** The load started: the schedule's clock starts now (once; never after {@link #close}). */
    private synchronized void begin() {
        if (begun) {
            return;
        }
        begun = true;
        startNanos = System.nanoTime();
        schedule.faults().forEach(f -> threads.execute(() -> run(f)));
        threads.shutdown();
    }

    /**
     * Starts the schedule now. With no faults nothing is created (a stack of another machine is never attached
     * for nothing); otherwise the nemesis is made by {@code nemeses} and set up on {@code stack} first.
     */
    public static FaultTimeline start(
            FaultSchedule schedule,
            StackDescription stack,
            Function<StackDescription, Nemesis> nemeses,
            HistoryWriter history,
            PrintStream out) {
        return start(schedule, stack, nemeses, history, out, CompletableFuture.completedFuture(null));
    }

    /**
     * Sets the nemesis up now and starts the schedule's clock when {@code loadStarted} completes; a timeline closed
     * before that starts no fault.
     */
    public static FaultTimeline start(
            FaultSchedule schedule,
            StackDescription stack,
            Function<StackDescription, Nemesis> nemeses,
            HistoryWriter history,
            PrintStream out,
            CompletionStage<?> loadStarted) {
        if (schedule.isEmpty()) {
            return new FaultTimeline(schedule, null, history, out, loadStarted);
        }
        Nemesis nemesis = nemeses.apply(stack);
        nemesis.setup(stack);
        return new FaultTimeline(schedule, nemesis, history, out, loadStarted);
    }

    private void run(ScheduledFault fault) {
        String name = "faults[" + fault.index() + "] " + fault.describe() + " on " + fault.target();
        if (!waitUntil(fault.at())) {
            return; // the run ended before this fault was due
        }
        try {
            nemesis.start(fault);
            out.println("\nnemesis: " + name + " started");
        } catch (RuntimeException e) {
            failures.add(name + " could not start: " + e.getMessage());
            return;
        }
        if (fault.until() != null) {
            waitUntil(fault.until());
        }
        try {
            FaultWindow window = nemesis.heal(fault);
            history.append(window);
            out.printf("%nnemesis: %s healed after %.1f s%n", name, (window.end() - window.time()) / 1e6);
        } catch (RuntimeException e) {
            failures.add(name + " could not heal: " + e.getMessage());
        }
    }

    /** Waits until {@code offset} after the start; false when the timeline is closing first. */
    private boolean waitUntil(Duration offset) {
        long remaining = startNanos + offset.toNanos() - System.nanoTime();
        try {
            return remaining <= 0 || !closing.await(remaining, TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** The problems so far (a fault that could not start or heal); empty when all went as scheduled. */
    public List<String> failures() {
        return List.copyOf(failures);
    }

    @Override
    public void close() {
        closing.countDown();
        synchronized (this) {
            begun = true; // a load that never started starts no fault now
            threads.shutdown();
        }
        if (nemesis == null) {
            return;
        }
        try {
            if (!threads.awaitTermination(CLOSE_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
                failures.add("faults still healing " + CLOSE_TIMEOUT.toSeconds() + " s after the workload ended");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            failures.add("interrupted while healing faults");
        }
        try {
            nemesis.teardown();
        } catch (RuntimeException e) {
            failures.add(e.getMessage());
        }
        if (!failures.isEmpty()) {
            throw new IllegalStateException("the nemesis failed: " + String.join("; ", failures));
        }
    }
}
