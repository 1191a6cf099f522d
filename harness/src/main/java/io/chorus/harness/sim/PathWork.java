package io.chorus.harness.sim;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * How much of each role's CPU a message waits for, on a machine whose run measured its floors (decision 0291). A
 * role's CPU per message is not all on a message's path: a JetStream node also delivers the message to every durable
 * consumer and replicates their acks, the command service also reads permissions and keeps its metrics, the harness
 * also reads every frame. What a message does wait for is what the run's fastest sends took, its floor: the send
 * floor, less the PubAck's fixed hop, is the load generator's, the command service's and JetStream's work on the send
 * path; the delivery floor less the send floor, less the fan-out's and the instance's hops, is the fan-out's and the
 * notification instance's. Each floor is shared among its roles in proportion to their CPU per message, none above
 * its own; the rest of every role's CPU runs beside the paths.
 */
final class PathWork {
    static final List<String> SEND_PATH =
            List.of(Calibration.LOAD_GENERATOR, Calibration.COMMAND, Calibration.JETSTREAM);
    static final List<String> DELIVERY_PATH = List.of(Calibration.FANOUT, Calibration.NOTIFICATION);

    private final Calibration calibration;
    /** Role to seconds of its work on a message's path, per message. */
    private final Map<String, Double> perMessage = new LinkedHashMap<>();

    PathWork(Calibration calibration, Hops hops) {
        this.calibration = calibration;
        Calibration.Floors floors = calibration.floors();
        share(floors.send() - hops.pubAck(), SEND_PATH);
        share(floors.delivery() - floors.send() - hops.fanoutHop() - hops.instanceWrite(), DELIVERY_PATH);
    }

    /** Seconds of CPU per message of a role, every instance and frame of it together. */
    double cpuPerMessage(String role) {
        Double micros = calibration.microsPerUnit().get(role);
        if (micros == null) {
            return 0;
        }
        double units = role.equals(Calibration.NOTIFICATION) ? calibration.framesPerMessage() : 1;
        return micros * units / 1e6;
    }

    /** Seconds of a role's work on the path of one message, 0 for a role off the paths. */
    double onPath(String role) {
        return perMessage.getOrDefault(role, 0.0);
    }

    /** Seconds of a role's work on the path per job it takes: per message, a notification instance's per publish. */
    double perJob(String role) {
        double seconds = onPath(role);
        return role.equals(Calibration.NOTIFICATION) && calibration.publishesPerMessage() > 0
                ? seconds / calibration.publishesPerMessage()
                : seconds;
    }

    /** Seconds per message of a role's CPU that no message waits for. */
    double beside(String role) {
        return Math.max(0, cpuPerMessage(role) - onPath(role));
    }

    private void share(double floor, List<String> roles) {
        double cpu = roles.stream().mapToDouble(this::cpuPerMessage).sum();
        for (String role : roles) {
            double own = cpuPerMessage(role);
            perMessage.put(role, cpu > 0 ? Math.min(own, Math.max(0, floor) * own / cpu) : 0);
        }
    }
}
