package io.chorus.common.nats.worker;

import static org.assertj.core.api.Assertions.assertThat;

import com.codahale.metrics.MetricRegistry;
import io.nats.client.impl.NatsJetStreamMetaData;
import io.nats.client.impl.NatsMessage;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SettlementTest {
    private static final RetryPolicy POLICY = new RetryPolicy(Duration.ofSeconds(1), Duration.ofSeconds(15), 5);
    private final MetricRegistry metrics = new MetricRegistry();
    /** No NATS: a dead letter cannot be published. */
    private final Settlement settlement = new Settlement(
            "MESSAGES",
            "message-writer",
            () -> {
                throw new IllegalStateException("no connection");
            },
            POLICY,
            metrics);

    /** A JetStream message on its {@code delivery}-th delivery that records how it was settled. */
    private static final class Delivered extends NatsMessage {
        final List<String> settled = new ArrayList<>();

        Delivered(long delivery) {
            super(
                    "chat.msg.c1",
                    "$JS.ACK.MESSAGES.message-writer." + delivery + ".42.7.1700000000000000000.0",
                    new byte[0]);
        }

        @Override
        public boolean isJetStream() {
            return true;
        }

        @Override
        public NatsJetStreamMetaData metaData() {
            return new NatsJetStreamMetaData(this);
        }

        @Override
        public void ack() {
            settled.add("ack");
        }

        @Override
        public void nakWithDelay(Duration delay) {
            settled.add("nak " + delay.toMillis());
        }
    }

    @Test
    void anOutageIsRedeliveredAfterThePolicysDelayForItsDeliveryAndCounted() {
        Delivered third = new Delivered(3);
        settlement.failed(third, FailureKind.OUTAGE, "timeout");
        Delivered hundredth = new Delivered(100);
        settlement.failed(hundredth, FailureKind.OUTAGE, "timeout");

        assertThat(third.settled).containsExactly("nak 4000");
        assertThat(hundredth.settled).containsExactly("nak 15000");
        assertThat(metrics.counter(Settlement.metricName("MESSAGES", "message-writer", "retried"))
                        .getCount())
                .isEqualTo(2);
    }

    @Test
    void aDeadLetterTheStreamCannotTakeIsNakdNotAckedAndNotCounted() {
        Delivered last = new Delivered(5);
        settlement.failed(last, FailureKind.REFUSED, "refused");

        assertThat(last.settled).containsExactly("nak 1000");
        assertThat(metrics.counter(Settlement.metricName("MESSAGES", "message-writer", "dead-lettered"))
                        .getCount())
                .isZero();
    }

    @Test
    void theCountersAreNamedByStreamAndConsumer() {
        assertThat(Settlement.metricName("META", "meta-writer", "dead-lettered"))
                .isEqualTo("pull.META.meta-writer.dead-lettered");
        assertThat(metrics.getCounters())
                .containsKeys("pull.MESSAGES.message-writer.dead-lettered", "pull.MESSAGES.message-writer.retried");
    }
}
