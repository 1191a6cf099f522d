package io.chorus.harness.sim;

import io.chorus.harness.checker.LatencySummary;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The chat paths as queues, with service times from a {@link Calibration}: a send is served by the command
 * service, then by JetStream (its nodes together: the message is acknowledged when they have stored it and the
 * PubAck's round trips are over), where the send ends; from there one fan-out partition publishes it to the
 * notification instances that have members of the channel online ({@code publishesPerMessage} of them, distinct, at
 * random), and each instance writes the frames of that publish (the message's frames spread over its publishes) to
 * its sockets, where a delivery ends. The message writer, the meta writer and the search indexer each take the
 * message from JetStream on their own. Service times are exponential with the calibrated mean; each hop also takes
 * its fixed {@link Hops} time.
 *
 * <p>Where the CPU comes from is the {@link Shape}'s: on a shared machine (the local stack) every hop's CPU, the
 * CPU per message of the components off the paths (Cassandra, Elasticsearch, the load generator) wait for the same
 * cores ({@link SharedCores}, decision 0232), and the idle CPU of every process and the machine's other processes
 * take those cores when no request burst waits (decision 0270); per process, each instance and node has cores of
 * its own and nothing else runs beside it.
 *
 * <p>Aggregated: one job per message per hop, and per publish on the last hop, never one per member.
 */
public final class ChatPaths {
    /** The idle CPU runs as bursts of this many seconds, at the rate that keeps the calibrated idle cores busy. */
    static final double IDLE_BURST = 0.001;

    /** The name of the idle CPU's demand on a shared machine. */
    public static final String IDLE = "idle";

    /** The name of the demand of the processes outside the run on a shared machine. */
    public static final String OTHERS = "others";

    /** Appended to a role's name for its CPU that no message waits for (with measured floors, decision 0291). */
    public static final String BESIDE = " beside the paths";

    /**
     * The deployment modelled.
     *
     * @param cores with {@code sharedMachine}, the cores of the one machine every process shares; else the cores of
     *     every service instance and of every JetStream node
     * @param scale a production deployment's instances and cores per role (null: one instance of each service but
     *     the fan-out and notification, {@code cores} each)
     */
    public record Shape(
            int natsNodes,
            int fanoutPartitions,
            int notificationInstances,
            int cores,
            boolean sharedMachine,
            Scale scale) {
        public static Shape perProcess(int natsNodes, int fanoutPartitions, int notificationInstances, int cores) {
            return new Shape(natsNodes, fanoutPartitions, notificationInstances, cores, false, null);
        }

        public static Shape sharedMachine(int natsNodes, int fanoutPartitions, int notificationInstances, int cores) {
            return new Shape(natsNodes, fanoutPartitions, notificationInstances, cores, true, null);
        }

        public static Shape scaled(Scale scale) {
            return new Shape(
                    scale.of(Calibration.JETSTREAM).instances(),
                    scale.of(Calibration.FANOUT).instances(),
                    scale.of(Calibration.NOTIFICATION).instances(),
                    1,
                    false,
                    scale);
        }

        /** The cores of one instance (one node, one partition) of {@code role}. */
        int coresOf(String role) {
            return scale == null ? cores : scale.of(role).cores();
        }

        /**
         * The servers of a role whose instances take messages from one queue (the command service behind its load
         * balancer, a worker's durable consumer): all its instances' cores together.
         */
        int pooled(String role) {
            return scale == null
                    ? cores
                    : scale.of(role).instances() * scale.of(role).cores();
        }
    }

    /**
     * Above this many notification instances only this many are simulated: the instances are alike and each
     * receives a publish with the same probability, so their latencies are the others' too; the publishes are
     * counted for all of them.
     */
    static final int REPRESENTED_INSTANCES = 16;

    /**
     * @param achievedRate sends acknowledged within the {@code seconds} offered, per second
     * @param publishes publishes from fan-out to instances, for {@code publishesPerMessage} = publishes / sends
     * @param stations per component: on a shared machine its share of the machine's cores, and the idle CPU as
     *     {@link ChatPaths#IDLE}
     * @param machine the shared machine as a whole; null per process
     * @param firstToSaturate the component with the highest utilisation (on a shared machine: the largest share of
     *     it, the idle CPU aside)
     */
    public record Prediction(
            double seconds,
            long messages,
            double achievedRate,
            LatencySummary send,
            LatencySummary delivery,
            long publishes,
            double publishesPerMessage,
            List<Station.Stats> stations,
            Station.Stats machine,
            String firstToSaturate) {}

    private final Simulation simulation;
    private final Calibration calibration;
    private final Shape shape;
    private final Hops hops;
    private final SharedCores machine;
    /** With measured floors on a shared machine, each role's work on a message's path; else null. */
    private final PathWork pathWork;

    private final List<Station> stations = new ArrayList<>();
    private final Sink sent;
    private final Sink delivered;
    private long publishes;
    private double publishCarry;

    public ChatPaths(long seed, Calibration calibration, Shape shape) {
        this(seed, calibration, shape, Hops.LOOPBACK);
    }

    public ChatPaths(long seed, Calibration calibration, Shape shape, Hops hops) {
        if (calibration.publishesPerMessage() > shape.notificationInstances()) {
            throw new IllegalArgumentException("publishes per message " + calibration.publishesPerMessage()
                    + " cannot exceed the " + shape.notificationInstances() + " notification instances");
        }
        this.simulation = new Simulation(seed);
        this.calibration = calibration;
        this.shape = shape;
        this.hops = hops;
        this.machine = shape.sharedMachine() ? new SharedCores(simulation, "machine", shape.cores()) : null;
        this.pathWork = machine != null && calibration.floors().measured() ? new PathWork(calibration, hops) : null;
        this.sent = new Sink(simulation);
        this.delivered = new Sink(simulation);
    }

    /** Offers Poisson sends at {@code rate} per second for {@code seconds}, then lets the queues drain. */
    public Prediction run(double rate, double seconds) {
        Stage[] instances = new Stage[Math.min(shape.notificationInstances(), REPRESENTED_INSTANCES)];
        double framesPerPublish = calibration.framesPerPublish();
        for (int i = 0; i < instances.length; i++) {
            instances[i] = station(
                    "notification-" + (i + 1),
                    Calibration.NOTIFICATION,
                    shape.coresOf(Calibration.NOTIFICATION),
                    calibration.micros(Calibration.NOTIFICATION) * framesPerPublish,
                    delivered);
            instances[i] = Delay.of(simulation, hops.instanceWrite(), instances[i]);
        }
        Stage publish = job -> publishTo(instances, job);
        Stage[] partitions = new Stage[shape.fanoutPartitions()];
        for (int p = 0; p < partitions.length; p++) {
            partitions[p] = station(
                    "fanout-" + (p + 1),
                    Calibration.FANOUT,
                    shape.coresOf(Calibration.FANOUT),
                    calibration.micros(Calibration.FANOUT),
                    publish);
        }
        List<Stage> afterAck = new ArrayList<>();
        afterAck.add(sent);
        afterAck.add(Delay.of(
                simulation,
                hops.fanoutHop(),
                job -> partitions[simulation.random().nextInt(partitions.length)].accept(job)));
        Sink stored = new Sink(simulation);
        for (String writer : List.of(Calibration.MESSAGE_WRITER, Calibration.META_WRITER, Calibration.SEARCH_INDEXER)) {
            if (calibration.microsPerUnit().containsKey(writer) && pathWork == null) {
                afterAck.add(station(writer, writer, shape.pooled(writer), calibration.micros(writer), stored));
            }
        }
        Stage jetstream = station(
                "jetstream",
                Calibration.JETSTREAM,
                shape.natsNodes() * shape.coresOf(Calibration.JETSTREAM),
                calibration.micros(Calibration.JETSTREAM),
                Delay.of(simulation, hops.pubAck(), job -> afterAck.forEach(next -> next.accept(job))));
        Stage command = station(
                "command",
                Calibration.COMMAND,
                shape.pooled(Calibration.COMMAND),
                calibration.micros(Calibration.COMMAND),
                jetstream);
        if (machine != null) {
            besideThePaths(rate, seconds);
            command = loadGenerator(command);
        }
        Source source = Source.poisson(simulation, rate, command, seconds);
        simulation.runUntil(seconds);
        double achievedRate = sent.count() / seconds;
        List<Station.Stats> stats =
                new ArrayList<>(stations.stream().map(Station::stats).toList());
        Station.Stats whole = null;
        if (machine != null) {
            stats.addAll(machine.demandStats());
            whole = machine.stats();
        }
        simulation.runUntil(Double.MAX_VALUE); // drain: every message offered is sent and delivered
        String hottest = stats.stream()
                .filter(s -> !s.name().equals(IDLE) && !s.name().equals(OTHERS))
                .max(Comparator.comparingDouble(Station.Stats::utilisation))
                .map(Station.Stats::name)
                .orElse(null);
        return new Prediction(
                seconds,
                source.created(),
                achievedRate,
                sent.summary(),
                delivered.summary(),
                publishes,
                source.created() == 0 ? 0 : (double) publishes / source.created(),
                List.copyOf(stats),
                whole,
                hottest);
    }

    /**
     * On a shared machine, what else keeps its cores busy: each component off the paths at its CPU per message, as
     * Poisson bursts at the offered rate, and the idle CPU of every process as short bursts.
     */
    private void besideThePaths(double rate, double seconds) {
        Stage nowhere = job -> {};
        if (pathWork != null) {
            // what no message waits for: short bursts beside the paths, as the idle CPU
            calibration
                    .offPathMicrosPerMessage()
                    .forEach((component, micros) -> background(component, micros / 1e6 * rate, seconds));
            calibration
                    .microsPerUnit()
                    .keySet()
                    .forEach(role -> background(role + BESIDE, pathWork.beside(role) * rate, seconds));
        } else {
            calibration
                    .offPathMicrosPerMessage()
                    .forEach((component, micros) -> Source.poisson(
                            simulation,
                            rate,
                            machine.demand(component, Distribution.exponential(micros / 1e6), nowhere),
                            seconds));
        }
        background(IDLE, calibration.idleCores(), seconds);
        background(OTHERS, calibration.otherCores(), seconds);
    }

    /**
     * Short bursts of CPU that no message waits for, keeping {@code cores} of the machine busy on average; a burst's
     * length is about a scheduler's slice. Without measured floors every hop's whole CPU is on the paths and these
     * bursts are served when no request burst waits (decision 0270); with them, a message's own work is small and
     * waits for the cores as an equal of every other burst, first come first served (decision 0291).
     */
    private void background(String name, double cores, double seconds) {
        if (cores > 0) {
            Distribution slice = Distribution.exponential(IDLE_BURST);
            Stage nowhere = job -> {};
            Source.poisson(
                    simulation,
                    cores / IDLE_BURST,
                    pathWork != null ? machine.demand(name, slice, nowhere) : machine.background(name, slice, nowhere),
                    seconds);
        }
    }

    /**
     * On the machine that ran the load generator, its CPU per message comes before the send reaches the command
     * service: it made the request on the same cores. A projection per process leaves it out (clients are not on
     * the servers).
     */
    private Stage loadGenerator(Stage command) {
        Double micros = calibration.microsPerUnit().get(Calibration.LOAD_GENERATOR);
        return micros == null
                ? command
                : station(Calibration.LOAD_GENERATOR, Calibration.LOAD_GENERATOR, shape.cores(), micros, command);
    }

    /**
     * A component's CPU for one hop: a station of its own per process, a demand on the shared machine; none when
     * the calibration found no CPU above its idle baseline. With measured floors on a shared machine, a message waits
     * for its {@link PathWork} share of that CPU, always the same, and the rest runs beside it as background.
     */
    private Stage station(String name, String role, int servers, double micros, Stage next) {
        if (micros <= 0) {
            return next;
        }
        if (pathWork != null) {
            double seconds = pathWork.perJob(role);
            return seconds > 0 ? machine.demand(name, Distribution.constant(seconds), next) : next;
        }
        Distribution service = Distribution.exponential(micros / 1e6);
        if (machine != null) {
            return machine.demand(name, service, next);
        }
        Station station = new Station(simulation, name, servers, service, next);
        stations.add(station);
        return station;
    }

    /**
     * Publishes to distinct instances chosen at random: the whole part of publishes per message always, one more
     * whenever the fractions carried over from the messages before add up to one, so publishes over messages is the
     * calibrated figure to within one publish, as the fan-out's own count is.
     */
    private void publishTo(Stage[] instances, long job) {
        publishCarry += calibration.publishesPerMessage();
        int count = (int) publishCarry;
        publishCarry -= count;
        publishes += count;
        int n = instances.length;
        if (n < shape.notificationInstances()) {
            double share = (double) count / shape.notificationInstances();
            for (Stage instance : instances) {
                if (simulation.random().nextDouble() < share) {
                    instance.accept(job);
                }
            }
            return;
        }
        // a partial Fisher-Yates over instance indexes, drawn afresh per message: count distinct instances
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        for (int i = 0; i < count; i++) {
            int j = i + simulation.random().nextInt(n - i);
            int chosen = order[j];
            order[j] = order[i];
            order[i] = chosen;
            instances[chosen].accept(job);
        }
    }
}
