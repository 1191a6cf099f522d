package io.chorus.harness.sim;

/**
 * The end of a path: counts the jobs that reach it and their time in the model since their source created them
 * (a {@link Source}'s job carries its creation time).
 */
public final class Sink implements Stage {
    private final Simulation simulation;
    private long count;
    private double totalSeconds;

    public Sink(Simulation simulation) {
        this.simulation = simulation;
    }

    @Override
    public void accept(long job) {
        count++;
        totalSeconds += simulation.now() - Source.createdAt(job);
    }

    public long count() {
        return count;
    }

    /** Mean time from creation to here, in seconds (NaN before the first job). */
    public double meanSeconds() {
        return count == 0 ? Double.NaN : totalSeconds / count;
    }
}
