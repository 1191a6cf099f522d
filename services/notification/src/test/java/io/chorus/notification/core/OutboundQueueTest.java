package io.chorus.notification.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

class OutboundQueueTest {
    /** A socket whose sends complete only when the test says so (or at once, when inline). */
    static final class FakeSocket implements Outbound {
        final List<String> sent = new ArrayList<>();
        final List<Consumer<Throwable>> waiting = new ArrayList<>();
        boolean inline;
        int closedWith;

        @Override
        public void send(String frame, Consumer<Throwable> done) {
            sent.add(frame);
            if (inline) {
                done.accept(null);
            } else {
                waiting.add(done);
            }
        }

        @Override
        public void close(int code, String reason) {
            closedWith = code;
        }

        void completeOne() {
            waiting.remove(0).accept(null);
        }
    }

    @Test
    void sendsOneFrameAtATimeInOrder() {
        FakeSocket socket = new FakeSocket();
        OutboundQueue queue = new OutboundQueue(socket, 10, Long.MAX_VALUE);
        queue.offer("a");
        queue.offer("b");
        queue.offer("c");
        assertThat(socket.sent).containsExactly("a");
        socket.completeOne();
        socket.completeOne();
        assertThat(socket.sent).containsExactly("a", "b", "c");
    }

    @Test
    void inlineCompletionsDrainWithoutRecursion() {
        FakeSocket socket = new FakeSocket();
        socket.inline = true;
        OutboundQueue queue = new OutboundQueue(socket, 200_000, Long.MAX_VALUE);
        for (int i = 0; i < 100_000; i++) {
            queue.offer("f" + i);
        }
        assertThat(socket.sent).hasSize(100_000).endsWith("f99999");
    }

    @Test
    void aFullBufferClosesTheSessionAsASlowConsumerWithoutBlocking() {
        FakeSocket socket = new FakeSocket();
        OutboundQueue queue = new OutboundQueue(socket, 3, Long.MAX_VALUE);
        for (int i = 0; i < 4; i++) {
            assertThat(queue.offer("f" + i)).isTrue(); // one on the wire, three waiting
        }
        assertThat(queue.offer("overflow")).isFalse();
        assertThat(socket.closedWith).isEqualTo(CloseCodes.SLOW_CONSUMER);
        assertThat(queue.offer("after")).isFalse();
    }

    /** A few large frames fill the byte bound long before the frame count: the session closes, nothing blocks. */
    @Test
    void framesOfMoreThanTheByteBoundCloseTheSessionAsASlowConsumer() {
        FakeSocket socket = new FakeSocket();
        OutboundQueue queue = new OutboundQueue(socket, 4_096, 100_000);
        String large = "x".repeat(40_000);
        assertThat(queue.offer(large)).as("on the wire at once: not waiting").isTrue();
        assertThat(queue.offer(large)).isTrue();
        assertThat(queue.offer(large)).isTrue();
        assertThat(queue.waitingBytes()).isEqualTo(80_000);
        assertThat(queue.offer(large)).as("120,000 bytes would wait").isFalse();
        assertThat(socket.closedWith).isEqualTo(CloseCodes.SLOW_CONSUMER);
        assertThat(queue.waitingBytes()).isZero();
    }

    @Test
    void sentFramesNoLongerCountTowardsTheByteBound() {
        FakeSocket socket = new FakeSocket();
        OutboundQueue queue = new OutboundQueue(socket, 4_096, 100_000);
        String large = "x".repeat(40_000);
        assertThat(queue.offer(large)).isTrue();
        for (int i = 0; i < 100; i++) {
            assertThat(queue.offer(large)).isTrue();
            assertThat(queue.offer(large)).isTrue();
            socket.completeOne(); // the reader keeps up, a frame behind: 4 MB through a 100 KB bound
            socket.completeOne();
        }
        assertThat(socket.closedWith).isZero();
        assertThat(socket.sent).hasSize(201);
    }

    /** A replay waits for room at half the bounds instead of overflowing the queue of a client that reads. */
    @Test
    void aProducerWaitsForRoomAndGoesOnOnceFramesAreSent() throws Exception {
        FakeSocket socket = new FakeSocket();
        OutboundQueue queue = new OutboundQueue(socket, 4_096, 100_000);
        String large = "x".repeat(30_000);
        queue.offer(large); // on the wire
        queue.offer(large);
        queue.offer(large); // 60,000 waiting: above half the bytes
        java.util.concurrent.CompletableFuture<Boolean> room =
                java.util.concurrent.CompletableFuture.supplyAsync(() -> {
                    try {
                        return queue.awaitRoom(java.time.Duration.ofSeconds(30));
                    } catch (InterruptedException e) {
                        throw new IllegalStateException(e);
                    }
                });
        Thread.sleep(100); // the producer is waiting, not done
        assertThat(room).isNotDone();
        socket.completeOne(); // one more on the wire: 30,000 waiting
        assertThat(room.get(10, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
    }

    @Test
    void aProducerWaitingForRoomLearnsThatTheQueueClosed() throws Exception {
        OutboundQueue queue = new OutboundQueue(new FakeSocket(), 2, Long.MAX_VALUE);
        queue.offer("a");
        queue.offer("b");
        queue.offer("c");
        java.util.concurrent.CompletableFuture<Boolean> room =
                java.util.concurrent.CompletableFuture.supplyAsync(() -> {
                    try {
                        return queue.awaitRoom(java.time.Duration.ofSeconds(30));
                    } catch (InterruptedException e) {
                        throw new IllegalStateException(e);
                    }
                });
        Thread.sleep(100);
        queue.close();
        assertThat(room.get(10, java.util.concurrent.TimeUnit.SECONDS)).isFalse();
        assertThat(queue.awaitRoom(java.time.Duration.ofSeconds(1))).isFalse();
    }
}
