package io.chorus.harness.sim;

/**
 * A fixed time on a hop that costs no CPU of the machine modelled: a network round trip, a replication
 * acknowledgement. Every job is delayed the same and none waits for another (an infinite-server station), so the
 * order of jobs is kept.
 */
public final class Delay implements Stage {
    private final Simulation simulation;
    private final double seconds;
    private final int arrive;

    private Delay(Simulation simulation, double seconds, Stage next) {
        this.simulation = simulation;
        this.seconds = seconds;
        this.arrive = simulation.register(next::accept);
    }

    /** {@code next} itself when {@code seconds} is 0: a hop without a delay adds no event. */
    public static Stage of(Simulation simulation, double seconds, Stage next) {
        if (!(seconds >= 0)) {
            throw new IllegalArgumentException("a delay cannot be negative: " + seconds);
        }
        return seconds == 0 ? next : new Delay(simulation, seconds, next);
    }

    @Override
    public void accept(long job) {
        simulation.schedule(seconds, arrive, job);
    }
}
