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
    private final int cores;
    private final int done;
    private final List<Demand> demands = new ArrayList<>();
    private final QueueTally machine;
    private final WaitingLine line = new WaitingLine();
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
        final Distribution service;
        final Stage next;
        final QueueTally tally;

        Demand(int index, String name, Distribution service, Stage next) {
            this.index = index;
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

    /** A component's CPU on this machine: each job it accepts holds a core for a time drawn from {@code service}. */
    public Stage demand(String component, Distribution service, Stage next) {
        Demand demand = new Demand(demands.size(), component, service, next);
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
            line.add(job, demand.index, simulation.now());
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
        if (!line.isEmpty()) {
            Demand waiting = demands.get(line.headTag());
            double since = line.headSince();
            startService(waiting, line.remove(), since, true);
        }
        demand.next.accept(job);
    }
}
