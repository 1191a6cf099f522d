package io.chorus.harness.workload;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * Whether a process has gone quiet: its CPU, from cumulative readings about a second apart, below {@code maxCores}
 * in each of the last {@code needed} intervals. A run waits for its own JVM to go quiet before the first phase, so
 * that the series holds seconds of the stack's idle, not only the fleet's start (decision 0293).
 */
final class QuietSeconds {
    private final double maxCores;
    private final int needed;
    private long lastMicros = -1;
    private double lastCpuSeconds;
    private int quiet;

    QuietSeconds(double maxCores, int needed) {
        this.maxCores = maxCores;
        this.needed = needed;
    }

    /** A cumulative CPU reading of the process, in seconds, taken at {@code micros}. */
    synchronized void reading(long micros, double cpuSeconds) {
        if (lastMicros >= 0 && micros > lastMicros) {
            double cores = (cpuSeconds - lastCpuSeconds) / ((micros - lastMicros) / 1e6);
            quiet = cores < maxCores ? quiet + 1 : 0;
        }
        lastMicros = micros;
        lastCpuSeconds = cpuSeconds;
        notifyAll();
    }

    synchronized boolean quiet() {
        return quiet >= needed;
    }

    /** Waits for {@link #quiet()} at most {@code max}; its value at the end. */
    synchronized boolean await(Duration max) throws InterruptedException {
        long deadline = System.nanoTime() + max.toNanos();
        while (!quiet()) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return false;
            }
            TimeUnit.NANOSECONDS.timedWait(this, left);
        }
        return true;
    }
}
