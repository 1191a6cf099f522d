package io.chorus.notification.core;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class OpenQueuesTest {
    @Test
    void framesWaitingAreSummedOverTheOpenQueuesAndTheDeepestIsNamed() {
        OpenQueues open = new OpenQueues();
        OutboundQueue slow = new OutboundQueue(new OutboundQueueTest.FakeSocket(), 10, Long.MAX_VALUE);
        OutboundQueue slower = new OutboundQueue(new OutboundQueueTest.FakeSocket(), 10, Long.MAX_VALUE);
        open.opened(slow);
        open.opened(slower);

        // the first frame of each is in flight on its socket; the rest wait
        for (int i = 0; i < 3; i++) {
            slow.offer("a" + i);
        }
        for (int i = 0; i < 6; i++) {
            slower.offer("b" + i);
        }

        assertThat(open.waiting()).isEqualTo(2 + 5);
        assertThat(open.deepest()).isEqualTo(5);

        open.closed(slower);
        assertThat(open.waiting()).isEqualTo(2);
        assertThat(new OpenQueues().deepest()).isZero();
    }
}
