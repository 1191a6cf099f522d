package io.chorus.harness.scenario;

import java.util.List;
import java.util.stream.Collectors;

/** A scenario file that cannot be run, with every problem found in it (not just the first). */
public final class InvalidScenario extends Exception {
    private final List<ScenarioError> errors;

    public InvalidScenario(List<ScenarioError> errors) {
        super(errors.stream().map(ScenarioError::toString).collect(Collectors.joining("\n")));
        this.errors = List.copyOf(errors);
    }

    public List<ScenarioError> errors() {
        return errors;
    }
}
