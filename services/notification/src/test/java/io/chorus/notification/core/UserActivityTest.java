package io.chorus.notification.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class UserActivityTest {
    private static final Instant T0 = Instant.parse("2026-12-07T10:00:00Z");
    private final UserActivity activity = new UserActivity(Duration.ofMinutes(5));

    @Test
    void aUserGoesAwayOnceAfterTheQuietPeriodAndIsBackAtTheNextActivity() {
        assertThat(activity.active("u1", T0)).as("first activity: written").isTrue();
        assertThat(activity.active("u1", T0.plusSeconds(10)))
                .as("still online: no write")
                .isFalse();

        assertThat(activity.goneAway(List.of("u1"), T0.plusSeconds(300))).isEmpty();
        assertThat(activity.goneAway(List.of("u1"), T0.plusSeconds(311))).containsExactly("u1");
        assertThat(activity.goneAway(List.of("u1"), T0.plusSeconds(400)))
                .as("told once")
                .isEmpty();
        assertThat(activity.entry("u1", "n1", T0.plusSeconds(400)).away()).isTrue();

        assertThat(activity.active("u1", T0.plusSeconds(401)))
                .as("back: written at once")
                .isTrue();
        assertThat(activity.entry("u1", "n1", T0.plusSeconds(401)))
                .satisfies(e -> assertThat(e.away()).isFalse())
                .satisfies(e ->
                        assertThat(e.activeAt()).isEqualTo(T0.plusSeconds(401).toEpochMilli()));
    }

    @Test
    void onlyTheGivenOnlineUsersAreConsideredAndAForgottenUserStartsAgain() {
        activity.active("u1", T0);
        activity.active("u2", T0);

        assertThat(activity.goneAway(List.of("u2"), T0.plus(Duration.ofHours(1))))
                .containsExactly("u2");
        activity.forget("u2");
        assertThat(activity.active("u2", T0.plus(Duration.ofHours(2)))).isTrue();
        assertThat(activity.active("u1", T0.minusSeconds(1)))
                .as("an older activity never moves it back")
                .isFalse();
        assertThat(activity.entry("u1", "n1", T0).activeAt()).isEqualTo(T0.toEpochMilli());
        assertThatThrownBy(() -> new UserActivity(Duration.ZERO)).isInstanceOf(IllegalArgumentException.class);
    }
}
