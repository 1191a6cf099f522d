package io.chorus.harness.stack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;

import java.util.HashSet;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PortAllocatorTest {

    @Test
    void neverHandsOutTheSamePortTwiceNorATakenOrBusyOne() {
        qt().forAll(integers().between(0, 10_000), integers().between(1, 300)).checkAssert((seed, count) -> {
            Random random = new Random(seed);
            Set<Integer> taken = new HashSet<>();
            for (int i = 0; i < 2_000; i++) {
                taken.add(PortAllocator.FIRST + random.nextInt(PortAllocator.LAST - PortAllocator.FIRST));
            }
            PortAllocator allocator = new PortAllocator(port -> port % 7 != 0, taken, new Random(seed));
            Set<Integer> handed = new HashSet<>();
            for (int i = 0; i < count; i++) {
                int port = allocator.next();
                assertThat(port).isBetween(PortAllocator.FIRST, PortAllocator.LAST - 1);
                assertThat(port % 7).isNotZero();
                assertThat(taken).doesNotContain(port);
                assertThat(handed.add(port))
                        .as("port %d handed out twice", port)
                        .isTrue();
            }
            assertThat(allocator.handedOut()).isEqualTo(handed);
        });
    }

    @Test
    void saysSoWhenNoPortIsFree() {
        PortAllocator allocator = new PortAllocator(port -> false, Set.of(), new Random(1));
        assertThatThrownBy(allocator::next)
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("no free port");
    }

    @Test
    void aBoundPortIsNotFree() throws Exception {
        try (var socket = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            assertThat(PortAllocator.canBind(socket.getLocalPort())).isFalse();
        }
    }
}
