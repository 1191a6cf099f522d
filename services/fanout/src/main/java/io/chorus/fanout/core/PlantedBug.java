package io.chorus.fanout.core;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * A known bug the fan-out can be started with on purpose, so that a test can show {@code harness explore} finding
 * and shrinking it (decisions 0241, 0242). Never on unless configured, and refused without {@code allowPlantedBug},
 * which no shipped configuration sets.
 */
public enum PlantedBug {
    /**
     * The first interest delta each notification instance sends after the fan-out started is answered but not
     * applied: after a fan-out restart that is the instance's full re-announce, so its channels go unrouted.
     */
    DROP_INTEREST_DELTA("drop-interest-delta");

    private final String yaml;

    PlantedBug(String yaml) {
        this.yaml = yaml;
    }

    @JsonValue
    public String yaml() {
        return yaml;
    }

    @JsonCreator
    public static PlantedBug named(String name) {
        return Arrays.stream(values())
                .filter(b -> b.yaml.equals(name))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown planted bug '" + name + "', expected one of "
                        + Arrays.stream(values()).map(PlantedBug::yaml).collect(Collectors.joining(", "))));
    }
}
