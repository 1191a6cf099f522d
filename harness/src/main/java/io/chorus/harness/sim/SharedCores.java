package io.chorus.harness.sim;

import java.util.ArrayList;
import java.util.List;

/**
 * A machine's cores shared by every process on it: one k-server FIFO station fed by many demands, each a component's
 * CPU for one hop with its own service time and its own next stage. A burst of CPU that finds every core busy waits
 * behind the bursts of every other component, as the processes of the local stack wait for the same two cores. It
 * keeps the machine's statistics and, per demand, its arrivals, its time in the machine and the cores it kept busy.
 */
public final class SharedCores {
    private final Simulation simulation;
    private final String name;
    private final int cores;
    private final int done;
    private final List<Demand> demands = new ArrayList<>();
    private long[] queuedJobs = new long[256];
    private int[] queuedDemands = new int[256];
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
    /** Per core: the job it runs, whose demand, when that job arrived and when its burst started. */
    private final long[] serving;

    private final int[] servingDemand;
    private final double[] servingSince;
    private final double[] servingStart;
    /** The idle cores, a stack. */
    private final int[] idle;

    /** One component's CPU on the machine: a {@link Stage} that queues its jobs for the machine's cores. */
    private final class Demand implements Stage {
        final int index;
        final String name;
        final Distribution service;
        final Stage next;
        long arrivals;
        long completed;
        double waitTotal;
        double sojournTotal;
        double busySeconds;
        int present;
        double presentArea;
        double lastChange;

        Demand(int index, String name, Distribution service, Stage next) {
            this.index = index;
            this.name = name;
            this.service = service;
            this.next = next;
        }

        @Override
        public void accept(long job) {
            SharedCores.this.accept(this, job);
        }

        void advance() {
            presentArea += present * (simulation.now() - lastChange);
            lastChange = simulation.now();
        }
    }

    public SharedCores(Simulation simulation, String name, int cores) {
        if (cores < 1) {
            throw new IllegalArgumentException(name + " needs at least one core: " + cores);
        }
        this.simulation = simulation;
        this.name = name;
        this.cores = cores;
        this.done = simulation.register(this::complete);
        this.serving = new long[cores];
        this.servingDemand = new int[cores];
        this.servingSince = new double[cores];
        this.servingStart = new double[cores];
        this.idle = new int[cores];
        for (int i = 0; i < cores; i++) {
            idle[i] = cores - 1 - i;
        }
    }

    /** A component's CPU on this machine: each job it accepts holds a core for a time drawn from {@code service}. */
    public Stage demand(String component, Distribution service, Stage next) {
        Demand demand = new Demand(demands.size(), component, service, next);
        demands.add(demand);
        return demand;
    }

    /** The whole machine: utilisation is the mean fraction of its cores busy. */
    public Station.Stats stats() {
        advance();
        double seconds = simulation.now();
        return new Station.Stats(
                name,
                cores,
                seconds,
                arrivals,
                completed,
                completed == 0 ? Double.NaN : waitTotal / completed,
                completed == 0 ? Double.NaN : sojournTotal / completed,
                inSystemArea / seconds,
                queueArea / seconds,
                maxQueue,
                busyArea / seconds / cores);
    }

    /**
     * Per demand, in the order they were made: utilisation is the demand's share of the machine (its busy core
     * seconds over all the cores' seconds), so the demands' utilisations add up to the machine's; the queue figures
     * are the machine's, which every demand waits in.
     */
    public List<Station.Stats> demandStats() {
        advance();
        double seconds = simulation.now();
        List<Station.Stats> stats = new ArrayList<>();
        for (Demand d : demands) {
            d.advance();
            stats.add(new Station.Stats(
                    d.name,
                    cores,
                    seconds,
                    d.arrivals,
                    d.completed,
                    d.completed == 0 ? Double.NaN : d.waitTotal / d.completed,
                    d.completed == 0 ? Double.NaN : d.sojournTotal / d.completed,
                    d.presentArea / seconds,
                    queueArea / seconds,
                    maxQueue,
                    d.busySeconds / seconds / cores));
        }
        return stats;
    }

    private void accept(Demand demand, long job) {
        advance();
        demand.advance();
        arrivals++;
        demand.arrivals++;
        demand.present++;
        if (busy < cores) {
            startService(demand.index, job, simulation.now());
        } else {
            enqueue(demand.index, job);
        }
    }

    private void startService(int demandIndex, long job, double arrivedAt) {
        double wait = simulation.now() - arrivedAt;
        waitTotal += wait;
        demands.get(demandIndex).waitTotal += wait;
        int core = idle[cores - 1 - busy];
        serving[core] = job;
        servingDemand[core] = demandIndex;
        servingSince[core] = arrivedAt;
        servingStart[core] = simulation.now();
        busy++;
        simulation.schedule(demands.get(demandIndex).service.sample(simulation.random()), done, core);
    }

    private void complete(long coreValue) {
        advance();
        int core = (int) coreValue;
        long job = serving[core];
        Demand demand = demands.get(servingDemand[core]);
        demand.advance();
        double sojourn = simulation.now() - servingSince[core];
        sojournTotal += sojourn;
        demand.sojournTotal += sojourn;
        demand.busySeconds += simulation.now() - servingStart[core];
        demand.present--;
        demand.completed++;
        busy--;
        idle[cores - 1 - busy] = core;
        completed++;
        if (queued > 0) {
            long waiting = queuedJobs[head];
            int waitingDemand = queuedDemands[head];
            double since = queuedSince[head];
            head = (head + 1) % queuedJobs.length;
            queued--;
            startService(waitingDemand, waiting, since);
        }
        demand.next.accept(job);
    }

    private void enqueue(int demandIndex, long job) {
        if (queued == queuedJobs.length) {
            int capacity = queued * 2;
            long[] jobs = new long[capacity];
            int[] owners = new int[capacity];
            double[] since = new double[capacity];
            for (int i = 0; i < queued; i++) {
                int from = (head + i) % queuedJobs.length;
                jobs[i] = queuedJobs[from];
                owners[i] = queuedDemands[from];
                since[i] = queuedSince[from];
            }
            queuedJobs = jobs;
            queuedDemands = owners;
            queuedSince = since;
            head = 0;
        }
        int tail = (head + queued) % queuedJobs.length;
        queuedJobs[tail] = job;
        queuedDemands[tail] = demandIndex;
        queuedSince[tail] = simulation.now();
        queued++;
        maxQueue = Math.max(maxQueue, queued);
    }

    /** Adds the time since the last change to the machine's time averages. */
    private void advance() {
        double dt = simulation.now() - lastChange;
        inSystemArea += (busy + queued) * dt;
        queueArea += queued * dt;
        busyArea += busy * dt;
        lastChange = simulation.now();
    }
}
