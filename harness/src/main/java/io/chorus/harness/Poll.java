package io.chorus.harness;

import java.time.Duration;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * Waits for a condition of the system under test by asking it again and again until a deadline: how the harness
 * waits for asynchronous effects (a membership applied, a listing settled), never with a bare sleep.
 */
public final class Poll {
    private static final Duration INTERVAL = Duration.ofMillis(100);

    private Poll() {}

    /** Asks {@code done} every 100 ms; returns as soon as it holds, throws naming {@code what} at the deadline. */
    public static void until(String what, Duration timeout, BooleanSupplier done) {
        until(() -> what, timeout, done);
    }

    /** As {@link #until(String, Duration, BooleanSupplier)}, describing what is still awaited when it times out. */
    public static void until(Supplier<String> what, Duration timeout, BooleanSupplier done) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!done.getAsBoolean()) {
            if (System.nanoTime() - deadline > 0) {
                throw new IllegalStateException("not within " + timeout.toSeconds() + " s: " + what.get());
            }
            pause(INTERVAL);
        }
    }

    /**
     * Reads every 100 ms until the value read satisfies {@code done} and returns it; at the deadline throws naming
     * the last value read.
     */
    public static <T> T until(Duration timeout, Supplier<T> read, Predicate<T> done) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            T last = read.get();
            if (done.test(last)) {
                return last;
            }
            if (System.nanoTime() - deadline > 0) {
                throw new IllegalStateException("not within " + timeout.toSeconds() + " s; last value: " + last);
            }
            pause(INTERVAL);
        }
    }

    /** The wait between two probes (not a readiness guess: the probe decides). */
    public static void pause(Duration interval) {
        try {
            Thread.sleep(interval.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting", e);
        }
    }
}
