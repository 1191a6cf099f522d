package io.chorus.common.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class StartupAttemptsTest {
    private final AtomicInteger attempts = new AtomicInteger();

    @Test
    void anEngineNotReachableYetIsTriedAgainUntilItAnswers() throws Exception {
        String opened =
                StartupAttempts.open("NATS", "nats://127.0.0.1:4222", Duration.ofSeconds(30), IOException.class, () -> {
                    if (attempts.incrementAndGet() < 3) {
                        throw new IOException("connection refused");
                    }
                    return "connected";
                });
        assertThat(opened).isEqualTo("connected");
        assertThat(attempts).hasValue(3);
    }

    @Test
    void anyOtherFailureEndsStartUpAtOnce() {
        assertThatThrownBy(() -> StartupAttempts.open(
                        "NATS", "nats://127.0.0.1:4222", Duration.ofSeconds(30), IOException.class, () -> {
                            attempts.incrementAndGet();
                            throw new IllegalArgumentException("bad URL");
                        }))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(attempts).hasValue(1);
    }

    @Test
    void pastTheTimeoutStartUpFailsNamingTheEngineAndWhereItWasTried() {
        assertThatThrownBy(() ->
                        StartupAttempts.open("Cassandra", "[127.0.0.1:9042]", Duration.ZERO, IOException.class, () -> {
                            throw new IOException("connection refused");
                        }))
                .isInstanceOf(IOException.class)
                .hasMessage("Cassandra unreachable at [127.0.0.1:9042] within PT0S")
                .hasRootCauseMessage("connection refused");
    }
}
