package io.chorus.harness.sim;

import io.chorus.harness.checker.LatencySummary;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The chat paths as queues, with service times from a {@link Calibration}: a send is served by the command
 * service, then by JetStream (its nodes together: the message is acknowledged when they have stored it), where the
 * send ends; from there one fan-out partition publishes it to the notification instances that have members of the
 * channel online ({@code publishesPerMessage} of them, distinct, at random), and each instance writes the frames
 * of that publish (the message's frames spread over its publishes) to its sockets, where a delivery ends. The message
 * writer, the meta writer and the search indexer each take the message from JetStream on their own. Service times
 * are exponential with the calibrated mean; a component has as many servers as it has cores.
 *
 * <p>Aggregated: one job per message per hop, and per publish on the last hop, never one per member.
 */
public final class ChatPaths {
    /**
     * The deployment modelled.
     *
     * @param cores cores of every service instance and of every JetStream node
     */
    public record Shape(int natsNodes, int fanoutPartitions, int notificationInstances, int cores) {}

    /**
     * @param publishes publishes from fan-out to instances, for {@code publishesPerMessage} = publishes / sends
     * @param firstToSaturate the station with the highest utilisation
     */
    public record Prediction(
            double seconds,
            long messages,
            LatencySummary send,
            LatencySummary delivery,
            long publishes,
            double publishesPerMessage,
            List<Station.Stats> stations,
            String firstToSaturate) {}

    private final Simulation simulation;
    private final Calibration calibration;
    private final Shape shape;
    private final List<Station> stations = new ArrayList<>();
    private final Sink sent;
    private final Sink delivered;
    private long publishes;

    public ChatPaths(long seed, Calibration calibration, Shape shape) {
        if (calibration.publishesPerMessage() > shape.notificationInstances()) {
            throw new IllegalArgumentException("publishes per message " + calibration.publishesPerMessage()
                    + " cannot exceed the " + shape.notificationInstances() + " notification instances");
        }
        this.simulation = new Simulation(seed);
        this.calibration = calibration;
        this.shape = shape;
        this.sent = new Sink(simulation);
        this.delivered = new Sink(simulation);
    }

    /** Offers Poisson sends at {@code rate} per second for {@code seconds}, then lets the queues drain. */
    public Prediction run(double rate, double seconds) {
        Stage[] instances = new Stage[shape.notificationInstances()];
        double framesPerPublish = calibration.framesPerMessage() / calibration.publishesPerMessage();
        for (int i = 0; i < instances.length; i++) {
            instances[i] = station(
                    "notification-" + (i + 1),
                    shape.cores(),
                    calibration.micros(Calibration.NOTIFICATION) * framesPerPublish,
                    delivered);
        }
        Stage publish = job -> publishTo(instances, job);
        Stage[] partitions = new Stage[shape.fanoutPartitions()];
        for (int p = 0; p < partitions.length; p++) {
            partitions[p] =
                    station("fanout-" + (p + 1), shape.cores(), calibration.micros(Calibration.FANOUT), publish);
        }
        List<Stage> afterAck = new ArrayList<>();
        afterAck.add(sent);
        afterAck.add(job -> partitions[simulation.random().nextInt(partitions.length)].accept(job));
        Sink stored = new Sink(simulation);
        for (String writer : List.of(Calibration.MESSAGE_WRITER, Calibration.META_WRITER, Calibration.SEARCH_INDEXER)) {
            if (calibration.microsPerUnit().containsKey(writer)) {
                afterAck.add(station(writer, shape.cores(), calibration.micros(writer), stored));
            }
        }
        Stage jetstream = station(
                "jetstream",
                shape.natsNodes() * shape.cores(),
                calibration.micros(Calibration.JETSTREAM),
                job -> afterAck.forEach(next -> next.accept(job)));
        Stage command = station("command", shape.cores(), calibration.micros(Calibration.COMMAND), jetstream);
        Source source = Source.poisson(simulation, rate, command, seconds);
        simulation.runUntil(seconds);
        List<Station.Stats> stats = stations.stream().map(Station::stats).toList();
        simulation.runUntil(Double.MAX_VALUE); // drain: every message offered is sent and delivered
        String hottest = stats.stream()
                .max(Comparator.comparingDouble(Station.Stats::utilisation))
                .map(Station.Stats::name)
                .orElse(null);
        return new Prediction(
                seconds,
                source.created(),
                sent.summary(),
                delivered.summary(),
                publishes,
                source.created() == 0 ? 0 : (double) publishes / source.created(),
                stats,
                hottest);
    }

    private Station station(String name, int servers, double micros, Stage next) {
        Station station = new Station(simulation, name, servers, Distribution.exponential(micros / 1e6), next);
        stations.add(station);
        return station;
    }

    /**
     * Publishes to distinct instances chosen at random: the whole part of publishes per message always, one more
     * with the probability of its fraction, so the mean is the calibrated one.
     */
    private void publishTo(Stage[] instances, long job) {
        double perMessage = calibration.publishesPerMessage();
        int count = (int) perMessage;
        if (simulation.random().nextDouble() < perMessage - count) {
            count++;
        }
        int n = instances.length;
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
            publishes++;
            instances[chosen].accept(job);
        }
    }
}
