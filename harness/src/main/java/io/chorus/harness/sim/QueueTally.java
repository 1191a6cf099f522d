package io.chorus.harness.sim;

/**
 * What queueing theory reasons about for one FIFO queue in front of {@code servers} servers, kept as jobs come and
 * go: arrivals and completions, the total wait and time in the system of the jobs completed, and the time averages
 * of jobs present, jobs queued and servers busy. A {@link Station} keeps one; {@link SharedCores} keeps one for the
 * machine and one per demand. It holds no jobs: its owner tells it what happened, when it happened.
 */
final class QueueTally {
    private final Simulation simulation;
    private final String name;
    private final int servers;
    private int busy;
    private int queued;
    private int maxQueue;
    private long arrivals;
    private long completed;
    private double waitTotal;
    private double sojournTotal;
    private double lastChange;
    private double inSystemArea;
    private double queueArea;
    private double busyArea;

    QueueTally(Simulation simulation, String name, int servers) {
        this.simulation = simulation;
        this.name = name;
        this.servers = servers;
    }

    /** A job arrives; {@code waits} when it finds no server free and joins the queue. */
    void arrive(boolean waits) {
        advance();
        arrivals++;
        if (waits) {
            queued++;
            maxQueue = Math.max(maxQueue, queued);
        }
    }

    /** A job that arrived at {@code arrivedAt} takes a server; {@code fromQueue} when it had waited. */
    void start(double arrivedAt, boolean fromQueue) {
        advance();
        if (fromQueue) {
            queued--;
        }
        busy++;
        waitTotal += simulation.now() - arrivedAt;
    }

    /** A job that arrived at {@code arrivedAt} leaves its server. */
    void finish(double arrivedAt) {
        advance();
        busy--;
        completed++;
        sojournTotal += simulation.now() - arrivedAt;
    }

    int busy() {
        return busy;
    }

    int queued() {
        return queued;
    }

    /** Since the start of the simulation; utilisation is busy server time over all the servers' time. */
    Station.Stats stats() {
        advance();
        double seconds = simulation.now();
        return new Station.Stats(
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

    /** Adds the time since the last change to the time averages. */
    private void advance() {
        double dt = simulation.now() - lastChange;
        inSystemArea += (busy + queued) * dt;
        queueArea += queued * dt;
        busyArea += busy * dt;
        lastChange = simulation.now();
    }
}
