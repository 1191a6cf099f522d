package io.chorus.harness.sim;

import java.util.ArrayList;
import java.util.List;

/**
 * A machine's cores shared by every process on it: one k-server station fed by many demands, each a component's CPU
 * for one hop with its own service time and its own next stage. Two classes wait for the cores (decision 0270): a
 * burst of request work ({@link #demand}) that finds every core busy waits, first come first served, behind the
 * other request bursts only; background CPU ({@link #background}: idle processes' timers and GC, other builds) takes
 * a core only when no request burst waits, and is never cut short (non-preemptive priority). That is what Linux's
 * scheduler does in effect: a thread woken by a request runs ahead of CPU-bound work that has used its share, after
 * at most that work's current slice. It keeps the machine's statistics and, per demand, its arrivals, its time in
 * the machine and the cores it kept busy.
 */
public final class SharedCores {
    private static final int REQUEST = 0;
    private static final int BACKGROUND = 1;

    private final Simulation simulation;
    private final int cores;
    private final int done;
    private final List<Demand> demands = new ArrayList<>();
    private final QueueTally machine;
    /** Per class, the bursts waiting: request work first, then background. */
    private final WaitingLine[] lines = {new WaitingLine(), new WaitingLine()};
    /** Per core: the job it runs, whose demand, and when that job arrived. */
    private final long[] serving;

    private final int[] servingDemand;
    private final double[] servingSince;
    /** The idle cores, a stack. */
    private final int[] idle;

    /**
     * One component's CPU on the machine: a {@link Stage} that queues its jobs for the machine's cores. Its tally
     * counts its own jobs: those waiting in the machine's line and those on a core.
     */
    private final class Demand implements Stage {
        final int index;
        final int priority;
        final Distribution service;
        final Stage next;
        final QueueTally tally;

        Demand(int index, int priority, String name, Distribution service, Stage next) {
            this.index = index;
            this.priority = priority;
            this.service = service;
            this.next = next;
            this.tally = new QueueTally(simulation, name, cores);
        }

        @Override
        public void accept(long job) {
            SharedCores.this.accept(this, job);
        }
    }

    public SharedCores(Simulation simulation, String name, int cores) {
        if (cores < 1) {
            throw new IllegalArgumentException(name + " needs at least one core: " + cores);
        }
        this.simulation = simulation;
        this.cores = cores;
        this.done = simulation.register(this::complete);
        this.machine = new QueueTally(simulation, name, cores);
        this.serving = new long[cores];
        this.servingDemand = new int[cores];
        this.servingSince = new double[cores];
        this.idle = new int[cores];
        for (int i = 0; i < cores; i++) {
            idle[i] = cores - 1 - i;
        }
    }

    /**
     * A component's CPU for request work on this machine: each job it accepts holds a core for a time drawn from
     * {@code service}, after the request bursts that came before it.
     */
    public Stage demand(String component, Distribution service, Stage next) {
        return add(REQUEST, component, service, next);
    }

    /**
     * Background CPU on this machine: each job it accepts holds a core for a time drawn from {@code service} when
     * no request burst is waiting; its jobs wait among themselves first come first served.
     */
    public Stage background(String component, Distribution service, Stage next) {
        return add(BACKGROUND, component, service, next);
    }

    private Stage add(int priority, String component, Distribution service, Stage next) {
        Demand demand = new Demand(demands.size(), priority, component, service, next);
        demands.add(demand);
        return demand;
    }

    /** The whole machine: utilisation is the mean fraction of its cores busy. */
    public Station.Stats stats() {
        return machine.stats();
    }

    /**
     * Per demand, in the order they were made: utilisation is the demand's share of the machine (its busy core
     * seconds over all the cores' seconds), so the demands' utilisations add up to the machine's; the queue figures
     * are the machine's, which every demand waits in.
     */
    public List<Station.Stats> demandStats() {
        Station.Stats whole = machine.stats();
        List<Station.Stats> stats = new ArrayList<>();
        for (Demand d : demands) {
            Station.Stats own = d.tally.stats();
            stats.add(new Station.Stats(
                    own.name(),
                    own.servers(),
                    own.seconds(),
                    own.arrivals(),
                    own.completed(),
                    own.meanWait(),
                    own.meanSojourn(),
                    own.meanInSystem(),
                    whole.meanQueue(),
                    whole.maxQueue(),
                    own.utilisation()));
        }
        return stats;
    }

    private void accept(Demand demand, long job) {
        boolean waits = machine.busy() == cores;
        machine.arrive(waits);
        demand.tally.arrive(waits);
        if (waits) {
            lines[demand.priority].add(job, demand.index, simulation.now());
        } else {
            startService(demand, job, simulation.now(), false);
        }
    }

    private void startService(Demand demand, long job, double arrivedAt, boolean fromQueue) {
        machine.start(arrivedAt, fromQueue);
        demand.tally.start(arrivedAt, fromQueue);
        int core = idle[cores - machine.busy()];
        serving[core] = job;
        servingDemand[core] = demand.index;
        servingSince[core] = arrivedAt;
        simulation.schedule(demand.service.sample(simulation.random()), done, core);
    }

    private void complete(long coreValue) {
        int core = (int) coreValue;
        long job = serving[core];
        Demand demand = demands.get(servingDemand[core]);
        machine.finish(servingSince[core]);
        demand.tally.finish(servingSince[core]);
        idle[cores - 1 - machine.busy()] = core;
        WaitingLine line = lines[REQUEST].isEmpty() ? lines[BACKGROUND] : lines[REQUEST];
        if (!line.isEmpty()) {
            Demand waiting = demands.get(line.headTag());
            double since = line.headSince();
            startService(waiting, line.remove(), since, true);
        }
        demand.next.accept(job);
    }
}
