package io.chorus.harness.sim;

/**
 * A component that serves jobs: {@code servers} of them at once (a process's cores, a pool's threads), the rest
 * waiting in one FIFO queue. Each job holds a server for a service time drawn from its distribution, then goes on
 * to the next stage. It keeps what queueing theory reasons about: arrivals, waits, time in the station, and the
 * time averages of jobs present, jobs queued and servers busy.
 */
public final class Station implements Stage {
    /**
     * Since the start of the simulation, up to {@code seconds}.
     *
     * @param meanWait      mean seconds a completed job waited in the queue
     * @param meanSojourn   mean seconds a completed job spent in the station (wait + service)
     * @param meanInSystem  time average of jobs present (queued or in service): Little's L
     * @param utilisation   time average of busy servers over {@code servers}
     */
    public record Stats(
            String name,
            int servers,
            double seconds,
            long arrivals,
            long completed,
            double meanWait,
            double meanSojourn,
            double meanInSystem,
            double meanQueue,
            int maxQueue,
            double utilisation) {
        /** Arrivals per second over the time observed: Little's lambda. */
        public double arrivalRate() {
            return arrivals / seconds;
        }
    }

    private final Simulation simulation;
    private final Distribution service;
    private final Stage next;
    private final int done;
    private final QueueTally tally;
    private final WaitingLine line = new WaitingLine();
    /** Per server: the job it holds and when that job arrived; the completion event names the server. */
    private final long[] serving;

    private final double[] servingSince;
    /** The idle servers, a stack. */
    private final int[] idle;

    public Station(Simulation simulation, String name, int servers, Distribution service, Stage next) {
        if (servers < 1) {
            throw new IllegalArgumentException(name + " needs at least one server: " + servers);
        }
        this.simulation = simulation;
        this.service = service;
        this.next = next;
        this.done = simulation.register(this::complete);
        this.tally = new QueueTally(simulation, name, servers);
        this.serving = new long[servers];
        this.servingSince = new double[servers];
        this.idle = new int[servers];
        for (int i = 0; i < servers; i++) {
            idle[i] = servers - 1 - i;
        }
    }

    @Override
    public void accept(long job) {
        boolean waits = tally.busy() == serving.length;
        tally.arrive(waits);
        if (waits) {
            line.add(job, 0, simulation.now());
        } else {
            startService(job, simulation.now(), false);
        }
    }

    public Stats stats() {
        return tally.stats();
    }

    private void startService(long job, double arrivedAt, boolean fromQueue) {
        tally.start(arrivedAt, fromQueue);
        int server = idle[serving.length - tally.busy()];
        serving[server] = job;
        servingSince[server] = arrivedAt;
        simulation.schedule(service.sample(simulation.random()), done, server);
    }

    private void complete(long serverValue) {
        int server = (int) serverValue;
        long job = serving[server];
        tally.finish(servingSince[server]);
        idle[serving.length - 1 - tally.busy()] = server;
        if (!line.isEmpty()) {
            double since = line.headSince();
            startService(line.remove(), since, true);
        }
        next.accept(job);
    }
}
