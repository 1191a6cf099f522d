package io.chorus.command.core;

import static org.assertj.core.api.Assertions.assertThat;

import io.chorus.common.api.ApiException;
import io.chorus.common.events.EventEnvelope;
import io.chorus.common.nats.EventSink;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import org.junit.jupiter.api.Test;

class SendWindowTest {
    /** A sink whose PubAcks arrive when the test says so. */
    private static class PendingAcks implements EventSink {
        final List<CompletableFuture<Ack>> pending = new ArrayList<>();

        @Override
        public CompletionStage<Ack> publishAsync(String subject, EventEnvelope event, String idempotencyKey) {
            CompletableFuture<Ack> ack = new CompletableFuture<>();
            pending.add(ack);
            return ack;
        }

        @Override
        public Ack publish(String subject, EventEnvelope event, String idempotencyKey) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Ack publishIfSubjectEmpty(String subject, EventEnvelope event, String idempotencyKey) {
            throw new UnsupportedOperationException();
        }

        @Override
        public EventEnvelope read(String stream, long seq) {
            throw new UnsupportedOperationException();
        }
    }

    @Test
    void aSendPastTheWindowIsRefusedAtOnceWith503AndTheSlotReturnsWithTheAck() {
        PendingAcks sink = new PendingAcks();
        SendWindow window = SendWindow.inline(sink, 2);
        CompletionStage<EventSink.Ack> first = window.publish("s", null, "k1");
        window.publish("s", null, "k2");

        CompletableFuture<EventSink.Ack> third = window.publish("s", null, "k3").toCompletableFuture();
        assertThat(third).isCompletedExceptionally();
        assertThat(status(third)).isEqualTo(503);
        assertThat(sink.pending).hasSize(2); // the refused send never reached the backbone
        assertThat(window.inFlight()).isEqualTo(2);

        sink.pending.get(0).complete(new EventSink.Ack("MESSAGES", 1, false));
        assertThat(first.toCompletableFuture().join().seq()).isEqualTo(1);
        assertThat(window.inFlight()).isEqualTo(1);
        assertThat(window.publish("s", null, "k4").toCompletableFuture()).isNotDone();
    }

    @Test
    void aFailedPublishFreesItsSlotAndKeepsItsError() {
        PendingAcks sink = new PendingAcks();
        SendWindow window = SendWindow.inline(sink, 1);
        CompletableFuture<EventSink.Ack> send = window.publish("s", null, "k1").toCompletableFuture();
        sink.pending.get(0).completeExceptionally(new ApiException(503, "unavailable", "no PubAck"));

        assertThat(status(send)).isEqualTo(503);
        assertThat(window.inFlight()).isZero();
        assertThat(window.publish("s", null, "k2").toCompletableFuture()).isNotDone();
    }

    @Test
    void aSinkThatThrowsFreesItsSlot() {
        EventSink throwing = new PendingAcks() {
            @Override
            public CompletionStage<Ack> publishAsync(String subject, EventEnvelope event, String idempotencyKey) {
                throw new ApiException(503, "unavailable", "queue full");
            }
        };
        SendWindow window = SendWindow.inline(throwing, 1);
        assertThat(status(window.publish("s", null, "k1").toCompletableFuture()))
                .isEqualTo(503);
        assertThat(window.inFlight()).isZero();
    }

    @Test
    void theOwnThreadHandsEverySendOverAndClosingAnswersTheRest() throws Exception {
        PendingAcks sink = new PendingAcks() {
            @Override
            public synchronized CompletionStage<Ack> publishAsync(String subject, EventEnvelope event, String key) {
                return CompletableFuture.completedFuture(new Ack("MESSAGES", Long.parseLong(key), false));
            }
        };
        try (SendWindow window = new SendWindow(sink, 1_000)) {
            List<CompletableFuture<EventSink.Ack>> sends = new ArrayList<>();
            for (int i = 0; i < 500; i++) {
                sends.add(window.publish("s", null, Integer.toString(i)).toCompletableFuture());
            }
            for (int i = 0; i < 500; i++) {
                assertThat(sends.get(i)
                                .get(10, java.util.concurrent.TimeUnit.SECONDS)
                                .seq())
                        .isEqualTo(i);
            }
            assertThat(window.inFlight()).isZero();
        }
    }

    private static int status(CompletableFuture<EventSink.Ack> send) {
        try {
            send.join();
            return 202;
        } catch (CompletionException e) {
            return ((ApiException) e.getCause()).status();
        }
    }
}
