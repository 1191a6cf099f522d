package io.chorus.harness.stack;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class ServicesTimeoutTest {
    @Test
    void anOrdinaryShapeWaitsTwoMinutesAndAWideOneLongerPerService() {
        assertThat(LocalStack.servicesTimeout(12)).isEqualTo(Duration.ofMinutes(2));
        assertThat(LocalStack.servicesTimeout(40)).isEqualTo(Duration.ofSeconds(400));
    }
}
