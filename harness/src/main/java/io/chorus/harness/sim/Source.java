package io.chorus.harness.sim;

/**
 * Offers jobs to a stage at a rate: the gaps between them drawn from a distribution (exponential for Poisson
 * arrivals) until a given time. Each job carries the time it was created, so the end of its path can tell how long
 * it took.
 */
public final class Source {
    private final Simulation simulation;
    private final Distribution gaps;
    private final Stage next;
    private final double until;
    private final int arrive;
    private long created;

    private Source(Simulation simulation, Distribution gaps, Stage next, double until) {
        this.simulation = simulation;
        this.gaps = gaps;
        this.next = next;
        this.until = until;
        this.arrive = simulation.register(job -> arrive());
    }

    /** Poisson arrivals at {@code rate} jobs per second into {@code next}, from now until {@code until} seconds. */
    public static Source poisson(Simulation simulation, double rate, Stage next, double until) {
        return start(simulation, Distribution.exponential(1 / rate), next, until);
    }

    public static Source start(Simulation simulation, Distribution gaps, Stage next, double until) {
        Source source = new Source(simulation, gaps, next, until);
        source.scheduleNext();
        return source;
    }

    /** The creation time of a job a source made, in simulated seconds. */
    public static double createdAt(long job) {
        return Double.longBitsToDouble(job);
    }

    public long created() {
        return created;
    }

    private void arrive() {
        created++;
        next.accept(Double.doubleToRawLongBits(simulation.now()));
        scheduleNext();
    }

    private void scheduleNext() {
        double gap = gaps.sample(simulation.random());
        if (simulation.now() + gap <= until) {
            simulation.schedule(gap, arrive, 0);
        }
    }
}
