package io.chorus.notification.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class HeartbeatLapseTest {
    private static final long S = 1_000_000_000L;

    private final HeartbeatLapse lapse = new HeartbeatLapse(Duration.ofSeconds(6));

    @Test
    void theFirstWriteIsNoLapse() {
        assertThat(lapse.written(100 * S, 100 * S + S / 10)).isFalse();
    }

    @Test
    void writesEveryTwoSecondsNeverLapse() {
        for (long t = 0; t < 60; t += 2) {
            assertThat(lapse.written(t * S, t * S + S / 5))
                    .as("beat at %d s", t)
                    .isFalse();
        }
    }

    @Test
    void aPauseLongerThanTheTtlIsALapse() {
        lapse.written(0, S / 10);
        lapse.written(2 * S, 2 * S + S / 10);
        assertThat(lapse.written(14 * S, 14 * S + S / 10)).isTrue(); // frozen 12 s between two beats
        assertThat(lapse.written(16 * S, 16 * S + S / 10))
                .as("beating normally again")
                .isFalse();
    }

    @Test
    void slowWritesThatMayHaveLandedMoreThanTheTtlApartAreALapse() {
        lapse.written(0, 3 * S); // began at 0, may have landed at once
        assertThat(lapse.written(5 * S, 7 * S))
                .as("may have landed at 7 s, 7 s after the previous")
                .isTrue();
    }

    @Test
    void failedWritesInBetweenCountFromTheLastSuccess() {
        lapse.written(0, S / 10);
        // writes at 2 s and 4 s failed: nothing recorded
        assertThat(lapse.written(6 * S, 6 * S + S / 10))
                .as("6.1 s after the last success began")
                .isTrue();
    }

    @Test
    void exactlyTheTtlIsNoLapse() {
        lapse.written(0, 0);
        assertThat(lapse.written(6 * S, 6 * S)).isFalse();
    }
}
