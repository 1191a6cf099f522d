package io.chorus.workers.webhook.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class DeliveryPolicyTest {
    private static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");
    private final DeliveryPolicy policy = new DeliveryPolicy(
            new RetrySchedule(List.of(Duration.ofSeconds(1), Duration.ofSeconds(2)), 0),
            Duration.ofMinutes(10),
            () -> 0.5);

    @Test
    void onlyTwoHundredsAreSuccess() {
        qt().forAll(integers().between(100, 599)).checkAssert(status -> {
            DeliveryOutcome outcome = DeliveryOutcome.ofStatus(status, Optional.empty(), NOW);
            assertThat(outcome instanceof DeliveryOutcome.Delivered).isEqualTo(status >= 200 && status < 300);
            assertThat(policy.after(1, outcome) instanceof DeliveryPolicy.Done)
                    .isEqualTo(status >= 200 && status < 300);
        });
    }

    @Test
    void goneDisablesTheEndpoint() {
        assertThat(policy.after(1, DeliveryOutcome.ofStatus(410, Optional.of("5"), NOW)))
                .isInstanceOf(DeliveryPolicy.Disable.class);
    }

    @Test
    void tooManyRequestsAndUnavailableHonourRetryAfterInSecondsOrAsADate() {
        assertThat(policy.after(1, DeliveryOutcome.ofStatus(429, Optional.of("7"), NOW)))
                .isEqualTo(new DeliveryPolicy.RetryIn(Duration.ofSeconds(7)));
        assertThat(policy.after(1, DeliveryOutcome.ofStatus(503, Optional.of("Thu, 01 Jan 2026 00:00:30 GMT"), NOW)))
                .isEqualTo(new DeliveryPolicy.RetryIn(Duration.ofSeconds(30)));
        // a receiver cannot park a delivery beyond the cap
        assertThat(policy.after(1, DeliveryOutcome.ofStatus(429, Optional.of("999999"), NOW)))
                .isEqualTo(new DeliveryPolicy.RetryIn(Duration.ofMinutes(10)));
        // without a usable Retry-After it is an ordinary failure, on the schedule
        assertThat(policy.after(1, DeliveryOutcome.ofStatus(429, Optional.of("soon"), NOW)))
                .isEqualTo(new DeliveryPolicy.RetryIn(Duration.ofSeconds(1)));
    }

    @Test
    void otherFailuresFollowTheScheduleThenGiveUp() {
        DeliveryOutcome failed = DeliveryOutcome.ofStatus(500, Optional.empty(), NOW);
        assertThat(policy.after(1, failed)).isEqualTo(new DeliveryPolicy.RetryIn(Duration.ofSeconds(1)));
        assertThat(policy.after(2, failed)).isEqualTo(new DeliveryPolicy.RetryIn(Duration.ofSeconds(2)));
        assertThat(policy.after(3, failed)).isInstanceOf(DeliveryPolicy.GiveUp.class);
        assertThat(policy.after(3, DeliveryOutcome.ofStatus(429, Optional.of("1"), NOW)))
                .isInstanceOf(DeliveryPolicy.GiveUp.class);
        assertThat(policy.after(1, DeliveryOutcome.ofStatus(301, Optional.empty(), NOW)))
                .isInstanceOf(DeliveryPolicy.RetryIn.class);
    }
}
