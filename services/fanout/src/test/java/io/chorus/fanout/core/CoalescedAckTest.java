package io.chorus.fanout.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class CoalescedAckTest {
    private final List<Integer> acked = new ArrayList<>();
    private final CoalescedAck<Integer> acks = new CoalescedAck<>(3, acked::add);

    @Test
    void oneAckForEveryThirdMessageAndItIsTheLatest() {
        for (int seq = 1; seq <= 7; seq++) {
            acks.routed(seq);
        }
        assertThat(acked).containsExactly(3, 6);
        assertThat(acks.waiting()).isEqualTo(1);
    }

    @Test
    void aFlushAcksWhatWaitsOnceAndThenNothing() {
        acks.routed(1);
        acks.routed(2);
        acks.flush();
        acks.flush();
        assertThat(acked).containsExactly(2);
        assertThat(acks.waiting()).isZero();
    }

    @Test
    void nothingRoutedNothingAcked() {
        acks.flush();
        assertThat(acked).isEmpty();
    }

    @Test
    void acksNeverGoBackwards() {
        for (int seq = 1; seq <= 10; seq++) {
            acks.routed(seq);
            if (seq % 4 == 0) {
                acks.flush();
            }
        }
        acks.flush();
        assertThat(acked).isSorted().doesNotHaveDuplicates().endsWith(10);
    }

    @Test
    void everyMustBePositive() {
        assertThatThrownBy(() -> new CoalescedAck<Integer>(0, x -> {})).isInstanceOf(IllegalArgumentException.class);
    }
}
