package io.chorus.harness.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class JetStreamBaselineTest {
    static final String HEADER = "#RunID,ClientID,MsgCount,MsgBytes,MsgsPerSec,BytesPerSec,DurationSecs,"
            + "MinLatencyMicroSecs,AvgLatencyMicroSecs,MaxLatencyMicroSecs,P50LatencyMicroSecs\n";

    @Test
    void sumsThePublisherRowsOfNatsBenchCsv() {
        // two publishers, as `nats bench js pub async --clients 2 --csv` writes them (a real file's header)
        String csv = HEADER + "ZUQ,P0,20000,10240000,40000,1,0.5,1,2,3,4\nZUQ,P1,20000,10240000,44368,1,0.5,1,2,3,4\n";
        assertThat(JetStreamBaseline.rate(csv)).isEqualTo(84_368.0);
    }

    @Test
    void subscriberRowsAreNotPublishRate() {
        String csv = HEADER + "R,P0,1,1,1000,1,1,1,1,1,1\nR,S0,1,1,999999,1,1,1,1,1,1\n";
        assertThat(JetStreamBaseline.rate(csv)).isEqualTo(1000.0);
    }

    @Test
    void refusesWhatIsNotABenchResult() {
        assertThatThrownBy(() -> JetStreamBaseline.rate("nats: error: no servers available\n"))
                .hasMessageContaining("not a nats bench CSV");
        assertThatThrownBy(() -> JetStreamBaseline.rate(HEADER)).hasMessageContaining("no publisher rows");
    }
}
