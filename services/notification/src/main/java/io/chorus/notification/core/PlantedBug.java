package io.chorus.notification.core;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * A known bug a notification instance can be started with on purpose, so that a test can show {@code harness explore}
 * finding and shrinking it (decisions 0241, 0242). Never on unless configured, and refused without
 * {@code allowPlantedBug}, which no shipped configuration sets.
 */
public enum PlantedBug {
    /**
     * A client that reconnects with a resume token is told it resumed, but the events it missed are not replayed:
     * it has only what arrives live from then on.
     */
    SKIP_RESUME("skip-resume");

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
