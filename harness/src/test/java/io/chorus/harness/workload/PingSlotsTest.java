package io.chorus.harness.workload;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class PingSlotsTest {
    private static final List<Integer> SOCKETS =
            IntStream.range(0, 5_003).boxed().toList();

    @Test
    void everySocketIsPingedOncePerPeriod() {
        for (long start : new long[] {0, 7, 1_000_003}) {
            List<Integer> pinged = new ArrayList<>();
            for (long tick = start; tick < start + WebSocketFleet.PING_SLOTS; tick++) {
                pinged.addAll(WebSocketFleet.dueAt(SOCKETS, tick, WebSocketFleet.PING_SLOTS));
            }
            assertThat(pinged).containsExactlyInAnyOrderElementsOf(SOCKETS);
        }
    }

    @Test
    void eachTickPingsAnEvenShare() {
        for (long tick = 0; tick < WebSocketFleet.PING_SLOTS; tick++) {
            assertThat(WebSocketFleet.dueAt(SOCKETS, tick, WebSocketFleet.PING_SLOTS))
                    .hasSizeBetween(250, 251);
        }
    }

    @Test
    void fewerSocketsThanSlotsStillAllGetTheirTurn() {
        List<Integer> three = List.of(1, 2, 3);
        List<Integer> pinged = new ArrayList<>();
        for (long tick = 0; tick < WebSocketFleet.PING_SLOTS; tick++) {
            pinged.addAll(WebSocketFleet.dueAt(three, tick, WebSocketFleet.PING_SLOTS));
        }
        assertThat(pinged).containsExactly(1, 2, 3);
    }
}
