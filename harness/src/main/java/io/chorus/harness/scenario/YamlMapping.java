package io.chorus.harness.scenario;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * A YAML mapping being read field by field. Each read that fails records a {@link ScenarioError} at the node's line
 * and returns empty, so the reader goes on and reports every problem of the file at once.
 */
final class YamlMapping {
    private final Node node;
    private final String path;
    private final Problems problems;
    private final Map<String, Node> values = new LinkedHashMap<>();
    private final Map<String, Node> keys = new LinkedHashMap<>();
    private final Set<String> read = new HashSet<>();

    private YamlMapping(MappingNode node, String path, Problems problems) {
        this.node = node;
        this.path = path;
        this.problems = problems;
        for (NodeTuple tuple : node.getValue()) {
            if (!(tuple.getKeyNode() instanceof ScalarNode key)) {
                problems.add(
                        tuple.getKeyNode(),
                        path,
                        "expected a plain field name as key, got " + Problems.describe(tuple.getKeyNode()));
                continue;
            }
            if (values.containsKey(key.getValue())) {
                problems.add(key, child(key.getValue()), "appears twice in the same mapping");
                continue;
            }
            values.put(key.getValue(), tuple.getValueNode());
            keys.put(key.getValue(), key);
        }
    }

    static Optional<YamlMapping> of(Node node, String path, Problems problems, String what) {
        if (node instanceof MappingNode mapping) {
            return Optional.of(new YamlMapping(mapping, path, problems));
        }
        problems.add(node, path, "expected " + what + " (a mapping of field: value), got " + Problems.describe(node));
        return Optional.empty();
    }

    Node node() {
        return node;
    }

    String path() {
        return path;
    }

    String child(String key) {
        return path.isEmpty() ? key : path + "." + key;
    }

    /** The field names, in file order (for free-form mappings such as a fault's parameters). */
    List<String> keys() {
        return List.copyOf(keys.keySet());
    }

    boolean has(String key) {
        return values.containsKey(key) && !Problems.isNull(values.get(key));
    }

    /** The value node, or empty when absent or null. */
    Optional<Node> get(String key) {
        read.add(key);
        Node value = values.get(key);
        return value == null || Problems.isNull(value) ? Optional.empty() : Optional.of(value);
    }

    Optional<Node> required(String key, String expected) {
        Optional<Node> value = get(key);
        if (value.isEmpty()) {
            problems.add(
                    values.containsKey(key) ? values.get(key) : node, child(key), "is required: expected " + expected);
        }
        return value;
    }

    Optional<String> string(String key, boolean required, String expected) {
        Optional<Node> value = required ? required(key, expected) : get(key);
        return value.flatMap(v -> Problems.scalar(v, child(key), expected, problems));
    }

    Optional<Long> integer(String key, boolean required, long min, long max, String expected) {
        Optional<Node> value = required ? required(key, expected) : get(key);
        return value.flatMap(v -> Scalars.integer(v, child(key), min, max, expected, problems));
    }

    Optional<List<Node>> list(String key, boolean required, String expected) {
        Optional<Node> value = required ? required(key, expected) : get(key);
        if (value.isEmpty()) {
            return Optional.empty();
        }
        if (value.get() instanceof SequenceNode seq) {
            return Optional.of(seq.getValue());
        }
        problems.add(value.get(), child(key), "expected " + expected + ", got " + Problems.describe(value.get()));
        return Optional.empty();
    }

    /** Reports every field that no read asked for: a typo should never be silently ignored. */
    void rejectUnknown(List<String> allowed) {
        List<String> unknown = new ArrayList<>(keys.keySet());
        unknown.removeAll(read);
        for (String key : unknown) {
            problems.add(
                    keys.get(key),
                    child(key),
                    "unknown field; expected one of: " + String.join(", ", allowed)
                            + Suggestion.closest(key, allowed)
                                    .map(s -> " (did you mean '" + s + "'?)")
                                    .orElse(""));
        }
    }
}
