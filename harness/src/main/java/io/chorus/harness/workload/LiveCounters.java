package io.chorus.harness.workload;

import io.chorus.harness.checker.LatencySummary;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.HdrHistogram.Recorder;

/**
 * What the drivers report while a run is going, for the progress line only (the verdicts come from the history).
 * Thread-safe; the running p95 is over the sends since the previous {@link #snapshot()}.
 */
public final class LiveCounters {
    private final AtomicLong sent = new AtomicLong();
    private final AtomicLong delivered = new AtomicLong();
    private final AtomicLong errors = new AtomicLong();
    private final CompletableFuture<Void> firstSend = new CompletableFuture<>();
    private final Recorder sendLatency = new Recorder(LatencySummary.SIGNIFICANT_DIGITS);

    public void sent() {
        sent.incrementAndGet();
        firstSend.complete(null);
    }

    /** Completes at the first send: when the load has really begun (a fault schedule's clock starts then). */
    public CompletionStage<Void> firstSend() {
        return firstSend;
    }

    public void delivered() {
        delivered.incrementAndGet();
    }

    public void error() {
        errors.incrementAndGet();
    }

    /** @param micros from the intended send time to the 202 */
    public void acked(long micros) {
        sendLatency.recordValue(Math.max(0, micros));
    }

    public Snapshot snapshot() {
        var interval = sendLatency.getIntervalHistogram();
        double p95 = LatencySummary.at(interval, 95, TimeUnit.MICROSECONDS);
        return new Snapshot(sent.get(), delivered.get(), errors.get(), p95);
    }

    public record Snapshot(long sent, long delivered, long errors, double sendP95Ms) {}
}
