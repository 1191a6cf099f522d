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
    private final String name;
    private final int servers;
    private final Distribution service;
    private final Stage next;
    private final int done;
    private long[] queuedJobs = new long[256];
    private double[] queuedSince = new double[256];
    private int head;
    private int queued;
    private int maxQueue;
    private int busy;
    private long arrivals;
    private long completed;
    private double waitTotal;
    private double sojournTotal;
    private double lastChange;
    private double inSystemArea;
    private double queueArea;
    private double busyArea;
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
        this.name = name;
        this.servers = servers;
        this.service = service;
        this.next = next;
        this.done = simulation.register(this::complete);
        this.serving = new long[servers];
        this.servingSince = new double[servers];
        this.idle = new int[servers];
        for (int i = 0; i < servers; i++) {
            idle[i] = servers - 1 - i;
        }
    }

    @Override
    public void accept(long job) {
        advance();
        arrivals++;
        if (busy < servers) {
            startService(job, simulation.now());
        } else {
            enqueue(job);
        }
    }

    public Stats stats() {
        advance();
        double seconds = simulation.now();
        return new Stats(
                name,
                servers,
                seconds,
                arrivals,
                completed,
                completed == 0 ? Double.NaN : waitTotal / completed,
                completed == 0 ? Double.NaN : sojournTotal / completed,
                inSystemArea / seconds,
                queueArea / seconds,
                maxQueue,
                busyArea / seconds / servers);
    }

    private void startService(long job, double arrivedAt) {
        waitTotal += simulation.now() - arrivedAt;
        int server = idle[servers - 1 - busy];
        serving[server] = job;
        servingSince[server] = arrivedAt;
        busy++;
        simulation.schedule(service.sample(simulation.random()), done, server);
    }

    private void complete(long serverValue) {
        advance();
        int server = (int) serverValue;
        long job = serving[server];
        sojournTotal += simulation.now() - servingSince[server];
        busy--;
        idle[servers - 1 - busy] = server;
        completed++;
        if (queued > 0) {
            long waiting = queuedJobs[head];
            double since = queuedSince[head];
            head = (head + 1) % queuedJobs.length;
            queued--;
            startService(waiting, since);
        }
        next.accept(job);
    }

    private void enqueue(long job) {
        if (queued == queuedJobs.length) {
            long[] jobs = new long[queued * 2];
            double[] since = new double[queued * 2];
            for (int i = 0; i < queued; i++) {
                jobs[i] = queuedJobs[(head + i) % queuedJobs.length];
                since[i] = queuedSince[(head + i) % queuedJobs.length];
            }
            queuedJobs = jobs;
            queuedSince = since;
            head = 0;
        }
        int tail = (head + queued) % queuedJobs.length;
        queuedJobs[tail] = job;
        queuedSince[tail] = simulation.now();
        queued++;
        maxQueue = Math.max(maxQueue, queued);
    }

    /** Adds the time since the last change to the time averages. */
    private void advance() {
        double dt = simulation.now() - lastChange;
        inSystemArea += (busy + queued) * dt;
        queueArea += queued * dt;
        busyArea += busy * dt;
        lastChange = simulation.now();
    }
}
