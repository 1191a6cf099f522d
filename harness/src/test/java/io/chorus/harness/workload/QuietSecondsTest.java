package io.chorus.harness.workload;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class QuietSecondsTest {
    private static final long SECOND = 1_000_000;

    @Test
    void quietAfterTheNeededSecondsInARowUnderTheBoundAndABusySecondStartsOver() {
        QuietSeconds quiet = new QuietSeconds(0.25, 3);
        quiet.reading(0, 10.0);
        quiet.reading(SECOND, 11.2); // 1.2 cores: the fleet starting
        quiet.reading(2 * SECOND, 11.3);
        quiet.reading(3 * SECOND, 11.4);
        assertThat(quiet.quiet()).as("two quiet seconds of three").isFalse();
        quiet.reading(4 * SECOND, 11.9); // 0.5 cores
        quiet.reading(5 * SECOND, 12.0);
        quiet.reading(6 * SECOND, 12.1);
        assertThat(quiet.quiet()).isFalse();
        quiet.reading(7 * SECOND, 12.2);
        assertThat(quiet.quiet()).isTrue();
    }

    @Test
    void awaitReturnsWhenAReadingMakesItQuietAndFalseWhenTimeRunsOut() throws Exception {
        QuietSeconds quiet = new QuietSeconds(0.25, 1);
        assertThat(quiet.await(Duration.ofMillis(20))).isFalse();
        quiet.reading(0, 1.0);
        Thread reader = new Thread(() -> quiet.reading(SECOND, 1.1));
        reader.start();
        assertThat(quiet.await(Duration.ofSeconds(30))).isTrue();
        reader.join();
    }
}
