package io.chorus.fanout.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.chorus.common.routing.InterestDelta;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class DeltaIntakeTest {
    @Test
    void everyDeltaIsAppliedWhenNoBugIsPlanted() {
        DeltaIntake intake = new DeltaIntake(Optional.empty());

        assertThat(intake.dropsDeltas()).isFalse();
        assertThat(intake.applies(delta("notification-1", 1))).isTrue();
        assertThat(intake.applies(delta("notification-1", 2))).isTrue();
        assertThat(intake.applies(delta("notification-2", 1))).isTrue();
    }

    @Test
    void thePlantedBugDropsTheFirstDeltaOfEachInstanceOnly() {
        DeltaIntake intake = new DeltaIntake(Optional.of(PlantedBug.DROP_INTEREST_DELTA));

        assertThat(intake.dropsDeltas()).isTrue();
        assertThat(intake.applies(delta("notification-1", 7))).isFalse();
        assertThat(intake.applies(delta("notification-1", 8))).isTrue();
        assertThat(intake.applies(delta("notification-2", 1))).isFalse();
        assertThat(intake.applies(delta("notification-2", 2))).isTrue();
    }

    @Test
    void anUnknownPlantedBugIsRefusedByName() {
        assertThat(PlantedBug.named("drop-interest-delta")).isEqualTo(PlantedBug.DROP_INTEREST_DELTA);
        assertThatThrownBy(() -> PlantedBug.named("drop-everything"))
                .hasMessageContaining("unknown planted bug 'drop-everything', expected one of drop-interest-delta");
    }

    private static InterestDelta delta(String instance, long seq) {
        return new InterestDelta(instance, 0, seq, seq == 1, List.of("c-" + seq), List.of());
    }
}
