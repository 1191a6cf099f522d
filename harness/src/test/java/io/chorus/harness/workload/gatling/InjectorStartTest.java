package io.chorus.harness.workload.gatling;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class InjectorStartTest {
    @Test
    void theEstimateOnlyMovesEarlierAndConvergesOnTheStartOfTheLeastLateUser() {
        InjectorStart start = new InjectorStart();
        assertThat(start.estimate()).isEqualTo(-1);
        // the injector started at 1,000; user 0 (offset 0) started 17 late, user 1 (offset 2,000) 1 late
        assertThat(start.intended(0, 1_017)).isEqualTo(1_017);
        assertThat(start.estimate()).isEqualTo(1_017);
        assertThat(start.intended(2_000, 3_001)).isEqualTo(3_001);
        assertThat(start.estimate()).isEqualTo(1_001);
        // a user far behind schedule does not move it later: its lateness shows as latency
        assertThat(start.intended(4_000, 9_000)).isEqualTo(5_001);
        assertThat(start.estimate()).isEqualTo(1_001);
    }
}
