package io.chorus.harness.sim;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What the model takes from a live run's {@code report.json}: the CPU a unit of work costs each role of the chat
 * paths (the {@code costs} section, every instance of a role pooled: its CPU over its units, or its marginal CPU
 * when the run measured one for every instance), the fan-out's publishes per message and the frames each message
 * was delivered as.
 *
 * @param microsPerUnit role ({@link #COMMAND}, {@link #JETSTREAM}, ...) to CPU microseconds per unit: per message,
 *     for {@link #NOTIFICATION} per delivered frame, for {@link #JETSTREAM} per message over all nodes together
 */
public record Calibration(Map<String, Double> microsPerUnit, double publishesPerMessage, double framesPerMessage) {
    public static final String COMMAND = "command";
    public static final String JETSTREAM = "nats";
    public static final String FANOUT = "fanout";
    public static final String NOTIFICATION = "notification";
    public static final String MESSAGE_WRITER = "message-writer";
    public static final String META_WRITER = "meta-writer";
    public static final String SEARCH_INDEXER = "search-indexer";

    private static final String[] ROLES = {
        COMMAND, JETSTREAM, FANOUT, NOTIFICATION, MESSAGE_WRITER, META_WRITER, SEARCH_INDEXER
    };

    public double micros(String role) {
        Double micros = microsPerUnit.get(role);
        if (micros == null) {
            throw new IllegalArgumentException("the calibration has no cost for " + role + ": " + microsPerUnit);
        }
        return micros;
    }

    public static Calibration read(Path reportJson) {
        try {
            return of(new ObjectMapper().readTree(reportJson.toFile()));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + reportJson, e);
        }
    }

    /**
     * @throws IllegalArgumentException when the report has no {@code costs} (a run before costs were measured, or
     *     a failed one) or no fan-out publishes per message
     */
    public static Calibration of(JsonNode report) {
        JsonNode costs = report.path("costs");
        if (!costs.isObject() || costs.path("messages").asLong() == 0) {
            throw new IllegalArgumentException("the report has no costs section with messages to calibrate from");
        }
        // role -> [cpu seconds, units, marginal cpu seconds, components without a marginal cost]
        Map<String, double[]> pooled = new LinkedHashMap<>();
        for (JsonNode c : costs.path("components")) {
            String role = roleOf(c.path("name").asText());
            if (role != null) {
                double[] sum = pooled.computeIfAbsent(role, r -> new double[4]);
                sum[0] += c.path("cpuSeconds").asDouble();
                JsonNode marginal = c.path("marginalMicrosPerUnit");
                if (marginal.isNumber()) {
                    sum[2] += marginal.asDouble() * c.path("units").asDouble() / 1e6;
                } else {
                    sum[3]++;
                }
                // every node of JetStream handles every message: their CPU together is the cost of one message
                sum[1] = role.equals(JETSTREAM)
                        ? c.path("units").asDouble()
                        : sum[1] + c.path("units").asDouble();
            }
        }
        // a fan-out partition sees only its own channels' messages, but each message passes exactly one partition
        double[] fanout = pooled.get(FANOUT);
        if (fanout != null) {
            fanout[1] = costs.path("messages").asDouble();
        }
        Map<String, Double> micros = new LinkedHashMap<>();
        pooled.forEach((role, sum) -> {
            // the marginal cost when every instance of the role has one (a ramp): the idle CPU is no message's cost
            double seconds = sum[3] == 0 ? sum[2] : sum[0];
            if (sum[1] > 0) {
                micros.put(role, seconds * 1e6 / sum[1]);
            }
        });
        JsonNode publishes = report.path("metrics").path("fanout.publishes_per_message");
        if (!publishes.isNumber()) {
            throw new IllegalArgumentException("the report has no fanout.publishes_per_message to calibrate from");
        }
        return new Calibration(
                micros,
                publishes.asDouble(),
                costs.path("frames").asDouble() / costs.path("messages").asDouble());
    }

    /** The role of a component as {@code stack.json} names it ({@code nats-2}, {@code notification-1}, ...). */
    static String roleOf(String component) {
        for (String role : ROLES) {
            if (component.equals(role) || component.startsWith(role + "-")) {
                return role;
            }
        }
        return null;
    }
}
