package io.chorus.harness.checker;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Map;

/** What a checker found: whether its property held, and the metrics (from {@link Metric}) it measured. */
public interface CheckResult {
    @JsonProperty("valid")
    boolean valid();

    /** Metric name to value; a metric the history holds no data for is absent, never 0. */
    @JsonIgnore
    Map<String, Double> metrics();
}
