package io.chorus.fanout;

import static org.assertj.core.api.Assertions.assertThat;

import io.chorus.fanout.core.PlantedBug;
import io.dropwizard.jackson.Jackson;
import io.dropwizard.jersey.validation.Validators;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class FanoutConfigurationTest {
    private final Validator validator = Validators.newValidator();

    @Test
    void aPlantedBugIsRefusedWithoutTheTestOnlyFlag() {
        FanoutConfiguration config = config(Map.of("plantedBug", "drop-interest-delta"));

        assertThat(violations(config))
                .anyMatch(m -> m.contains("plantedBug makes the fan-out drop interest on purpose"));
    }

    @Test
    void aPlantedBugRunsOnlyWhereATestAllowsIt() {
        FanoutConfiguration planted = config(Map.of("plantedBug", "drop-interest-delta", "allowPlantedBug", true));
        FanoutConfiguration shipped = config(Map.of());

        assertThat(violations(planted)).isEmpty();
        assertThat(planted.plantedBug()).contains(PlantedBug.DROP_INTEREST_DELTA);
        assertThat(violations(shipped)).isEmpty();
        assertThat(shipped.plantedBug()).isEmpty();
    }

    private static FanoutConfiguration config(Map<String, Object> fields) {
        return Jackson.newObjectMapper().convertValue(fields, FanoutConfiguration.class);
    }

    /** What validation says of the planted bug (the other settings are beside the point here). */
    private Set<String> violations(FanoutConfiguration config) {
        return validator.validate(config).stream()
                .filter(v -> v.getPropertyPath().toString().equals("plantedBugAllowed"))
                .map(ConstraintViolation::getMessage)
                .collect(Collectors.toSet());
    }
}
