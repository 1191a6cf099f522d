package io.chorus.harness.scenario;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/** The errors found so far in one file, each pinned to the line and column of the node it is about. */
final class Problems {
    private final String file;
    private final List<ScenarioError> errors = new ArrayList<>();

    Problems(String file) {
        this.file = file;
    }

    void add(Node at, String field, String message) {
        Mark mark = at == null ? null : at.getStartMark();
        add(mark, field, message);
    }

    void add(Mark mark, String field, String message) {
        int line = mark == null ? 0 : mark.getLine() + 1;
        int column = mark == null ? 0 : mark.getColumn() + 1;
        errors.add(new ScenarioError(file, line, column, field, message));
    }

    List<ScenarioError> errors() {
        return List.copyOf(errors);
    }

    boolean any() {
        return !errors.isEmpty();
    }

    static boolean isNull(Node node) {
        return node instanceof ScalarNode s
                && (Tag.NULL.equals(s.getTag()) || s.getValue().isEmpty());
    }

    static Optional<String> scalar(Node node, String field, String expected, Problems problems) {
        if (node instanceof ScalarNode s) {
            return Optional.of(s.getValue());
        }
        problems.add(node, field, "expected " + expected + ", got " + describe(node));
        return Optional.empty();
    }

    static String describe(Node node) {
        if (node instanceof MappingNode) {
            return "a mapping";
        }
        if (node instanceof SequenceNode) {
            return "a list";
        }
        if (node instanceof ScalarNode s) {
            if (isNull(s)) {
                return "nothing";
            }
            String text = s.getValue();
            return "'" + (text.length() > 40 ? text.substring(0, 40) + "..." : text) + "'";
        }
        return "something else";
    }
}
