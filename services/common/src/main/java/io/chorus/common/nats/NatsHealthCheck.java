package io.chorus.common.nats;

import com.codahale.metrics.health.HealthCheck;
import io.nats.client.Connection;
import io.nats.client.api.AccountStatistics;
import java.time.Duration;

/** Healthy when the connection is up and JetStream answers for the account. */
public class NatsHealthCheck extends HealthCheck {
    private final ManagedNatsConnection nats;

    public NatsHealthCheck(ManagedNatsConnection nats) {
        this.nats = nats;
    }

    @Override
    protected Result check() throws Exception {
        if (!nats.isStarted()) {
            return Result.unhealthy("not connected yet");
        }
        Connection connection = nats.connection();
        if (connection.getStatus() != Connection.Status.CONNECTED) {
            return Result.unhealthy("connection is " + connection.getStatus());
        }
        connection.flush(Duration.ofSeconds(2));
        AccountStatistics stats = connection.jetStreamManagement().getAccountStatistics();
        return Result.healthy(
                "connected to %s, JetStream streams=%d", connection.getConnectedUrl(), stats.getStreams());
    }
}
