package io.chorus.workers.core;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * A known bug the message writer can be started with on purpose, so that a test can show {@code harness explore}
 * finding and shrinking it (decision 0241). Never on unless configured, and refused without
 * {@code messageWriter.allowPlantedBug}, which no shipped configuration sets.
 */
public enum PlantedBug {
    /**
     * Each pulled batch is acknowledged before its Cassandra write lands: a write that fails is never retried, so the
     * message is missing from history though the command service acknowledged it.
     */
    ACK_BEFORE_WRITE("ack-before-write");

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
