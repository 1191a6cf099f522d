package io.chorus.harness.sim;

import io.chorus.harness.checker.LatencySummary;
import org.HdrHistogram.Histogram;

/**
 * The end of a path: counts the jobs that reach it and their time in the model since their source created them
 * (a {@link Source}'s job carries its creation time).
 */
public final class Sink implements Stage {
    private final Simulation simulation;
    private final Histogram micros = LatencySummary.histogram();
    private long count;
    private double totalSeconds;

    public Sink(Simulation simulation) {
        this.simulation = simulation;
    }

    @Override
    public void accept(long job) {
        count++;
        double seconds = simulation.now() - Source.createdAt(job);
        totalSeconds += seconds;
        micros.recordValue(Math.round(seconds * 1e6));
    }

    /** The times since creation, in milliseconds, by the harness's one percentile definition. */
    public LatencySummary summary() {
        return LatencySummary.of(micros);
    }

    public long count() {
        return count;
    }

    /** Mean time from creation to here, in seconds (NaN before the first job). */
    public double meanSeconds() {
        return count == 0 ? Double.NaN : totalSeconds / count;
    }
}
