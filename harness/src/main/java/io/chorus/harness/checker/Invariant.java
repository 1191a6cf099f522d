package io.chorus.harness.checker;

import com.fasterxml.jackson.databind.util.StdConverter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A property every run must have, such as "no acknowledged message is lost". It gates the run on its own, whether
 * or not the scenario names it: it holds, or it was violated so many times, shown by the first few counterexamples
 * (at most {@value Examples#LIMIT} of each kind). Unlike a {@link Measurement} it has no unit and no threshold.
 *
 * @param name the checker's name, the key of the invariant in {@code report.json}
 */
public record Invariant(String name, long violations, List<String> counterexamples) {
    public Invariant {
        counterexamples = List.copyOf(counterexamples);
    }

    public boolean holds() {
        return violations == 0;
    }

    /** How {@code report.json} lists the invariants: name to whether it held. */
    public static final class HeldByName extends StdConverter<List<Invariant>, Map<String, Boolean>> {
        @Override
        public Map<String, Boolean> convert(List<Invariant> invariants) {
            Map<String, Boolean> held = new LinkedHashMap<>();
            invariants.forEach(i -> held.put(i.name(), i.holds()));
            return held;
        }
    }
}
