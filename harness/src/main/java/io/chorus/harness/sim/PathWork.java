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
 * path; the delivery floor less the send floor, less the fan-out's and the instance's hops, is the fan-out's and one
 * notification instance's work for one publish. Each floor is shared among its roles in proportion to their CPU per
 * job (a message; for an instance, a publish and its frames), none above its own. That fraction of a role's job is on
 * the path in any channel mix: an instance writing 100 frames per publish waits for 100 frames' share, where the
 * calibration's wrote two. The rest of every role's CPU runs beside the paths.
 */
final class PathWork {
    static final List<String> SEND_PATH =
            List.of(Calibration.LOAD_GENERATOR, Calibration.COMMAND, Calibration.JETSTREAM);
    static final List<String> DELIVERY_PATH = List.of(Calibration.FANOUT, Calibration.NOTIFICATION);

    private final Calibration calibration;
    /** Role to the fraction of its CPU per job that is on a message's path. */
    private final Map<String, Double> fraction = new LinkedHashMap<>();

    PathWork(Calibration calibration, Hops hops) {
        this.calibration = calibration;
        Calibration.Floors floors = calibration.floors();
        double measuredFrames =
                floors.framesPerPublish() > 0 ? floors.framesPerPublish() : calibration.framesPerPublish();
        share(floors.send() - hops.pubAck(), SEND_PATH, measuredFrames);
        share(
                floors.delivery() - floors.send() - hops.fanoutHop() - hops.instanceWrite(),
                DELIVERY_PATH,
                measuredFrames);
    }

    /** Seconds of a role's work on the path per job it takes: per message, a notification instance's per publish. */
    double perJob(String role) {
        return fraction.getOrDefault(role, 0.0) * cpuPerJob(role, calibration.framesPerPublish());
    }

    /** Seconds of a role's work on the path of one message, every publish of it together; 0 off the paths. */
    double onPath(String role) {
        return perJob(role) * jobsPerMessage(role);
    }

    /** Seconds per message of a role's CPU that no message waits for. */
    double beside(String role) {
        return Math.max(0, cpuPerJob(role, calibration.framesPerPublish()) * jobsPerMessage(role) - onPath(role));
    }

    private void share(double floor, List<String> roles, double frames) {
        double cpu = roles.stream().mapToDouble(r -> cpuPerJob(r, frames)).sum();
        for (String role : roles) {
            double own = cpuPerJob(role, frames);
            fraction.put(role, cpu > 0 && own > 0 ? Math.min(1, Math.max(0, floor) / cpu) : 0);
        }
    }

    /** Seconds of CPU of one job of a role: a message, or for an instance a publish of {@code frames} frames. */
    private double cpuPerJob(String role, double frames) {
        Double micros = calibration.microsPerUnit().get(role);
        if (micros == null) {
            return 0;
        }
        return micros * (role.equals(Calibration.NOTIFICATION) ? frames : 1) / 1e6;
    }

    private double jobsPerMessage(String role) {
        return role.equals(Calibration.NOTIFICATION) ? calibration.publishesPerMessage() : 1;
    }
}
