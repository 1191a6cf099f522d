package io.chorus.harness.checker;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What a checker found, in the two kinds a run is judged by in different ways: the {@link Invariant} it judged, if
 * any, which fails the run whenever it is violated; and the {@link Measurement}s it took, which only the scenario's
 * SLOs judge. The record itself, with its details, is the check's entry under {@code checks} in {@code report.json}.
 */
public interface CheckResult {
    /** The invariant this check judged; none for a check that only measures. */
    @JsonIgnore
    default Optional<Invariant> invariant() {
        return Optional.empty();
    }

    /** What the check measured; a metric the history holds no data for is absent, never 0. */
    @JsonIgnore
    List<Measurement> measurements();

    /** {@code valid} in {@code report.json}: false only when the check's invariant was violated. */
    @JsonProperty("valid")
    default boolean valid() {
        return invariant().map(Invariant::holds).orElse(true);
    }

    /** The measurements as metric name to value, for a reader after one named figure. */
    @JsonIgnore
    default Map<String, Double> metrics() {
        Map<String, Double> m = new LinkedHashMap<>();
        measurements().forEach(x -> m.put(x.name(), x.value()));
        return m;
    }
}
