package io.chorus.harness.sim;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.chorus.harness.checker.ProcessCosts;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What the model takes from a live run's {@code report.json}: the CPU a unit of work costs each role of the chat
 * paths (the {@code costs} section, every instance of a role pooled), the CPU per message of the components off
 * those paths that share the machine (Cassandra, Elasticsearch, the load generator, ...), the cores every process
 * burns with no load at all, the machine's cores, the fan-out's publishes per message and the frames each message
 * was delivered as.
 *
 * <p>A message's cost is what it adds to the idle CPU (decision 0232): a component's marginal cost when the run
 * measured one for it (a ramp), with the intercept of that fit as its idle CPU; else its CPU less its idle baseline
 * over its units. The idle baseline is the mean cores it used in the quiet seconds a run waits for before its first
 * phase (the fleet connected, the harness at rest, nothing sent: decision 0293); a report without those seconds
 * has no baseline, and its costs keep the idle CPU.
 *
 * @param microsPerUnit role ({@link #COMMAND}, {@link #JETSTREAM}, ...) to CPU microseconds per unit: per message,
 *     for {@link #NOTIFICATION} per delivered frame, for {@link #JETSTREAM} per message over all nodes together
 * @param offPathMicrosPerMessage component of no role (as {@code stack.json} names it) to CPU microseconds per
 *     acknowledged message; only components with a cost above zero
 * @param idleCores the cores all the components together burn with no load
 * @param machineCores the cores of the machine the run measured on ({@code environment.cpus}; 0 when unknown)
 * @param otherCores the cores the machine was busy with outside the run's processes while it was measured (other
 *     builds, the kernel: {@code costs.otherCores}; 0 when the report does not say)
 * @param floors what a send and a delivery took when they waited for almost nothing ({@link Floors#NONE} when the
 *     report does not say)
 */
public record Calibration(
        Map<String, Double> microsPerUnit,
        double publishesPerMessage,
        double framesPerMessage,
        Map<String, Double> offPathMicrosPerMessage,
        double idleCores,
        int machineCores,
        double otherCores,
        Floors floors) {
    /**
     * The first percentiles of a run's send and delivery latencies ({@code send.latency.p1},
     * {@code delivery.latency.p1}), in seconds: the time of the work on each path, and of its hops, with next to no
     * wait for a core (decision 0291). Zero: not measured.
     *
     * @param framesPerPublish the frames per publish of the run that measured them (0: the calibration's own mix)
     */
    public record Floors(double send, double delivery, double framesPerPublish) {
        public static final Floors NONE = new Floors(0, 0, 0);

        public boolean measured() {
            return send > 0 && delivery >= send;
        }
    }

    public static final String COMMAND = "command";
    public static final String JETSTREAM = "nats";
    public static final String FANOUT = "fanout";
    public static final String NOTIFICATION = "notification";
    public static final String MESSAGE_WRITER = "message-writer";
    public static final String META_WRITER = "meta-writer";
    public static final String SEARCH_INDEXER = "search-indexer";
    /**
     * The harness JVM, per message: it makes each request and reads its answer (Gatling) and reads each frame (the
     * fleet) before the history stamps them, so on the machine that ran it its CPU is on the measured paths.
     */
    public static final String LOAD_GENERATOR = "harness";

    private static final String[] ROLES = {
        COMMAND, JETSTREAM, FANOUT, NOTIFICATION, MESSAGE_WRITER, META_WRITER, SEARCH_INDEXER, LOAD_GENERATOR
    };

    public Calibration {
        // sorted: the model draws from one random stream in this order, so the same seed gives the same result
        microsPerUnit = Collections.unmodifiableMap(new TreeMap<>(microsPerUnit));
        offPathMicrosPerMessage = Collections.unmodifiableMap(new TreeMap<>(offPathMicrosPerMessage));
    }

    /** No floors measured: every hop's CPU is on the path. */
    public Calibration(
            Map<String, Double> microsPerUnit,
            double publishesPerMessage,
            double framesPerMessage,
            Map<String, Double> offPathMicrosPerMessage,
            double idleCores,
            int machineCores,
            double otherCores) {
        this(
                microsPerUnit,
                publishesPerMessage,
                framesPerMessage,
                offPathMicrosPerMessage,
                idleCores,
                machineCores,
                otherCores,
                Floors.NONE);
    }

    /** The chat paths' costs alone: nothing else on the machine, no idle CPU, the machine's cores unknown. */
    public Calibration(Map<String, Double> microsPerUnit, double publishesPerMessage, double framesPerMessage) {
        this(microsPerUnit, publishesPerMessage, framesPerMessage, Map.of(), 0, 0);
    }

    /** Nothing outside the run's processes on the machine. */
    public Calibration(
            Map<String, Double> microsPerUnit,
            double publishesPerMessage,
            double framesPerMessage,
            Map<String, Double> offPathMicrosPerMessage,
            double idleCores,
            int machineCores) {
        this(microsPerUnit, publishesPerMessage, framesPerMessage, offPathMicrosPerMessage, idleCores, machineCores, 0);
    }

    private Calibration withFloors(Floors measured) {
        return new Calibration(
                microsPerUnit,
                publishesPerMessage,
                framesPerMessage,
                offPathMicrosPerMessage,
                idleCores,
                machineCores,
                otherCores,
                measured);
    }

    /** The same costs for another channel mix: its publishes and frames per message (null: this calibration's). */
    public Calibration withMix(Double publishes, Double frames) {
        return new Calibration(
                microsPerUnit,
                publishes != null ? publishes : publishesPerMessage,
                frames != null ? frames : framesPerMessage,
                offPathMicrosPerMessage,
                idleCores,
                machineCores,
                otherCores,
                floors);
    }

    /** The frames a notification instance writes per publish; 0 without publishes. */
    public double framesPerPublish() {
        return publishesPerMessage > 0 ? framesPerMessage / publishesPerMessage : 0;
    }

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
        Map<String, Double> idle = idleBaselines(report);
        double seconds = costs.path("secondsSampled").asDouble();
        // role -> [cpu seconds above idle, units, marginal cpu seconds, components without a marginal cost]
        Map<String, double[]> pooled = new LinkedHashMap<>();
        Map<String, Double> offPath = new LinkedHashMap<>();
        double idleCores = 0;
        for (JsonNode c : costs.path("components")) {
            String name = c.path("name").asText();
            double units = c.path("units").asDouble();
            JsonNode marginal = c.path("marginalMicrosPerUnit");
            // with a marginal cost (a ramp), what the component burns beside it is the intercept: its base under
            // traffic, which can be well above its idle before the first phase (decision 0291)
            double idleOf = marginal.isNumber() && seconds > 0
                    ? Math.max(0, c.path("cores").asDouble() - marginal.asDouble() * units / 1e6 / seconds)
                    : idle.getOrDefault(name, 0.0);
            idleCores += idleOf;
            double aboveIdle = Math.max(0, c.path("cpuSeconds").asDouble() - idleOf * seconds);
            String role = roleOf(name);
            if (role == null) {
                double micros = marginal.isNumber() ? marginal.asDouble() : units > 0 ? aboveIdle * 1e6 / units : 0;
                if (micros > 0) {
                    offPath.put(name, micros);
                }
                continue;
            }
            double[] sum = pooled.computeIfAbsent(role, r -> new double[4]);
            sum[0] += aboveIdle;
            if (marginal.isNumber()) {
                sum[2] += marginal.asDouble() * units / 1e6;
            } else {
                sum[3]++;
            }
            // every node of JetStream handles every message: their CPU together is the cost of one message
            sum[1] = role.equals(JETSTREAM) ? units : sum[1] + units;
        }
        // a fan-out partition sees only its own channels' messages, but each message passes exactly one partition
        double[] fanout = pooled.get(FANOUT);
        if (fanout != null) {
            fanout[1] = costs.path("messages").asDouble();
        }
        Map<String, Double> micros = new LinkedHashMap<>();
        pooled.forEach((role, sum) -> {
            // the marginal cost when every instance of the role has one (a ramp), else the CPU above idle
            // floored: a least-squares slope over noisy seconds can come out below zero
            double cpu = Math.max(0, sum[3] == 0 ? sum[2] : sum[0]);
            if (sum[1] > 0) {
                micros.put(role, cpu * 1e6 / sum[1]);
            }
        });
        JsonNode publishes = report.path("metrics").path("fanout.publishes_per_message");
        if (!publishes.isNumber()) {
            throw new IllegalArgumentException("the report has no fanout.publishes_per_message to calibrate from");
        }
        Calibration measured = new Calibration(
                micros,
                publishes.asDouble(),
                costs.path("frames").asDouble() / costs.path("messages").asDouble(),
                offPath,
                idleCores,
                report.path("environment").path("cpus").asInt(0),
                costs.path("otherCores").asDouble(0));
        return measured.withFloors(new Floors(
                report.path("metrics").path("send.latency.p1").asDouble(0) / 1000,
                report.path("metrics").path("delivery.latency.p1").asDouble(0) / 1000,
                measured.framesPerPublish()));
    }

    /**
     * Per component, the mean cores of the last {@link ProcessCosts#QUIET_SAMPLES} seconds in a row of the costs
     * series, before the first phase began, in which the harness JVM was quiet (under {@link
     * ProcessCosts#QUIET_CORES}): a run waits for them after its fleet connects (decision 0293), so they are the
     * stack's idle, not the fleet's start nor the load generator's, which comes after them. Empty when the series has
     * no such seconds; a series without the harness takes the last seconds before the first phase.
     */
    static Map<String, Double> idleBaselines(JsonNode report) {
        JsonNode firstPhase = report.path("phases").path(0).path("start");
        if (!firstPhase.isNumber()) {
            return Map.of();
        }
        List<JsonNode> quiet = new ArrayList<>();
        List<JsonNode> window = List.of();
        for (JsonNode point : report.path("costs").path("series")) {
            if (point.path("t").asDouble() > firstPhase.asDouble()) {
                break;
            }
            JsonNode harness = point.path("cores").path(ProcessCosts.HARNESS);
            if (harness.isNumber() && harness.asDouble() >= ProcessCosts.QUIET_CORES) {
                quiet.clear();
                continue;
            }
            quiet.add(point);
            if (quiet.size() >= ProcessCosts.QUIET_SAMPLES) {
                window = List.copyOf(quiet.subList(quiet.size() - ProcessCosts.QUIET_SAMPLES, quiet.size()));
            }
        }
        Map<String, Double> baseline = new LinkedHashMap<>();
        int samples = window.size();
        for (JsonNode point : window) {
            point.path("cores")
                    .fields()
                    .forEachRemaining(
                            e -> baseline.merge(e.getKey(), e.getValue().asDouble() / samples, Double::sum));
        }
        return baseline;
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
