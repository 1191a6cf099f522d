package io.chorus.harness.nemesis;

import io.chorus.harness.history.FaultWindow;
import io.chorus.harness.history.HistoryWriter;
import io.chorus.harness.stack.StackDescription;
import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * Applies a fault schedule alongside the workload: opened when the first phase begins, each fault on its own
 * thread starts at its {@code at} and heals at its {@code until}, and each start/heal pair is appended to the
 * history as a {@link FaultWindow}. Closing it (when the phases are over, or when the workload failed) heals at
 * once every fault still in force and skips those not yet started, then tears the nemesis down. A fault that could
 * not be started or healed fails the run: {@link #close} throws, naming each.
 */
public final class FaultTimeline implements AutoCloseable {
    private static final Duration CLOSE_TIMEOUT = StackNemesis.HEAL_TIMEOUT.plusMinutes(1);

    private final Nemesis nemesis;
    private final HistoryWriter history;
    private final PrintStream out;
    private final long startNanos = System.nanoTime();
    private final CountDownLatch closing = new CountDownLatch(1);
    private final ExecutorService threads;
    private final List<String> failures = Collections.synchronizedList(new ArrayList<>());

    private FaultTimeline(FaultSchedule schedule, Nemesis nemesis, HistoryWriter history, PrintStream out) {
        this.nemesis = nemesis;
        this.history = history;
        this.out = out;
        this.threads =
                Executors.newFixedThreadPool(Math.max(1, schedule.faults().size()), r -> {
                    Thread t = new Thread(r, "nemesis");
                    t.setDaemon(true);
                    return t;
                });
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
        if (schedule.isEmpty()) {
            return new FaultTimeline(schedule, null, history, out);
        }
        Nemesis nemesis = nemeses.apply(stack);
        nemesis.setup(stack);
        return new FaultTimeline(schedule, nemesis, history, out);
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
        if (nemesis == null) {
            return;
        }
        closing.countDown();
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
