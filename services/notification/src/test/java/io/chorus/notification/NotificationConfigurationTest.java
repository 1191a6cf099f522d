package io.chorus.notification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.chorus.notification.core.PlantedBug;
import io.dropwizard.jackson.Jackson;
import io.dropwizard.jersey.validation.Validators;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class NotificationConfigurationTest {
    private final Validator validator = Validators.newValidator();

    @Test
    void aPlantedBugIsRefusedWithoutTheTestOnlyFlag() {
        NotificationConfiguration config = config(Map.of("plantedBug", "skip-resume"));

        assertThat(violations(config))
                .anyMatch(m -> m.contains("plantedBug makes the notification instance lose events on purpose"));
    }

    @Test
    void aPlantedBugRunsOnlyWhereATestAllowsIt() {
        NotificationConfiguration planted = config(Map.of("plantedBug", "skip-resume", "allowPlantedBug", true));
        NotificationConfiguration shipped = config(Map.of());

        assertThat(violations(planted)).isEmpty();
        assertThat(planted.plantedBug()).contains(PlantedBug.SKIP_RESUME);
        assertThat(violations(shipped)).isEmpty();
        assertThat(shipped.plantedBug()).isEmpty();
    }

    private static NotificationConfiguration config(Map<String, Object> fields) {
        return Jackson.newObjectMapper().convertValue(fields, NotificationConfiguration.class);
    }

    /** What validation says of the planted bug (the other settings are beside the point here). */
    private Set<String> violations(NotificationConfiguration config) {
        return validator.validate(config).stream()
                .filter(v -> v.getPropertyPath().toString().equals("plantedBugAllowed"))
                .map(ConstraintViolation::getMessage)
                .collect(Collectors.toSet());
    }

    @Test
    void anUnknownPlantedBugIsRefusedByName() {
        assertThatThrownBy(() -> PlantedBug.named("drop-everything"))
                .hasMessageContaining("unknown planted bug 'drop-everything', expected one of skip-resume");
    }
}
