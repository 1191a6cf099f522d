package io.chorus.harness.sim;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * A production deployment to project onto ({@code harness simulate --scale SCALE.yaml}): per role of the chat paths
 * its instances and the cores of each, the round trips between hosts, the rate to offer and, for a workload whose
 * channel mix the calibration run did not have, the publishes and frames per message of that mix. Every service
 * instance and JetStream node has its cores to itself; nothing else runs beside it.
 *
 * @param rate messages per second to offer instead of the scenario's steps (null: the scenario's)
 * @param seconds simulated seconds per step when {@code rate} is given
 * @param components role ({@link Calibration#COMMAND}, {@link Calibration#JETSTREAM}, ...) to its instances and cores
 * @param publishesPerMessage the mix's mean publishes from fan-out to instances per message (null: the calibration's)
 * @param framesPerMessage the mix's mean frames written per message (null: the calibration's)
 */
public record Scale(
        String name,
        Double rate,
        double seconds,
        Map<String, Component> components,
        Hops hops,
        Double publishesPerMessage,
        Double framesPerMessage) {

    /** One role: how many instances (JetStream: nodes; fan-out: partitions) and the cores of each. */
    public record Component(int instances, int cores) {
        public Component {
            if (instances < 1 || cores < 1) {
                throw new IllegalArgumentException(
                        "instances and cores must be at least 1: " + instances + ", " + cores);
            }
        }
    }

    static final List<String> ROLES = List.of(
            Calibration.COMMAND,
            Calibration.JETSTREAM,
            Calibration.FANOUT,
            Calibration.NOTIFICATION,
            Calibration.MESSAGE_WRITER,
            Calibration.META_WRITER,
            Calibration.SEARCH_INDEXER);

    public Scale {
        components = Map.copyOf(components);
        for (String role : components.keySet()) {
            if (!ROLES.contains(role)) {
                throw new IllegalArgumentException("unknown component " + role + ": one of " + ROLES);
            }
        }
        for (String role : ROLES) {
            if (!components.containsKey(role)) {
                throw new IllegalArgumentException("the scale file does not give " + role + ": every one of " + ROLES
                        + " needs its instances and cores");
            }
        }
    }

    public Component of(String role) {
        return components.get(role);
    }

    /** The deployment as the model's shape: every instance and node with cores of its own. */
    public ChatPaths.Shape shape() {
        return ChatPaths.Shape.scaled(this);
    }

    public static Scale read(Path file) {
        try (Reader reader = Files.newBufferedReader(file)) {
            Object root = new Yaml(new SafeConstructor(new LoaderOptions())).load(reader);
            if (!(root instanceof Map<?, ?> map)) {
                throw new IllegalArgumentException(file + " is not a mapping");
            }
            return of(map);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read " + file + ": " + e.getMessage(), e);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException(file + ": " + e.getMessage(), e);
        }
    }

    static Scale of(Map<?, ?> yaml) {
        Map<String, Component> components = new LinkedHashMap<>();
        if (yaml.get("components") instanceof Map<?, ?> map) {
            map.forEach((role, value) -> {
                Map<?, ?> c = (Map<?, ?>) value;
                components.put(String.valueOf(role), new Component(integer(c, "instances"), integer(c, "cores")));
            });
        }
        Map<?, ?> hops = yaml.get("hopsMs") instanceof Map<?, ?> h ? h : Map.of();
        return new Scale(
                String.valueOf(yaml.get("name")),
                number(yaml, "rate"),
                number(yaml, "seconds") == null ? 60 : number(yaml, "seconds"),
                components,
                new Hops(ms(hops, "pubAck"), ms(hops, "fanoutHop"), ms(hops, "instanceWrite")),
                number(yaml, "publishesPerMessage"),
                number(yaml, "framesPerMessage"));
    }

    private static double ms(Map<?, ?> hops, String field) {
        Double value = number(hops, field);
        return value == null ? 0 : value / 1000;
    }

    private static Double number(Map<?, ?> map, String field) {
        Object value = map.get(field);
        if (value == null) {
            return null;
        }
        if (!(value instanceof Number n)) {
            throw new IllegalArgumentException(field + " must be a number: " + value);
        }
        return n.doubleValue();
    }

    private static int integer(Map<?, ?> map, String field) {
        Double value = number(map, field);
        if (value == null || value != Math.rint(value)) {
            throw new IllegalArgumentException(field + " must be a whole number: " + map.get(field));
        }
        return value.intValue();
    }
}
