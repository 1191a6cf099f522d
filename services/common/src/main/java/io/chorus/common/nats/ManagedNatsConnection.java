package io.chorus.common.nats;

import io.dropwizard.lifecycle.Managed;
import io.nats.client.Connection;
import io.nats.client.Nats;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The service's one connection to NATS, opened when the service starts and drained when it stops. */
public class ManagedNatsConnection implements Managed {
    private static final Logger LOG = LoggerFactory.getLogger(ManagedNatsConnection.class);

    private final NatsFactory factory;
    private volatile Connection connection;

    public ManagedNatsConnection(NatsFactory factory) {
        this.factory = factory;
    }

    @Override
    public void start() throws Exception {
        Instant deadline = Instant.now().plus(factory.getStartupTimeout());
        while (true) {
            try {
                connection = Nats.connect(factory.options());
                LOG.info("connected to NATS at {}", connection.getConnectedUrl());
                return;
            } catch (IOException e) {
                if (Instant.now().isAfter(deadline)) {
                    throw new IOException("NATS unreachable at " + factory.getUrls() + " within "
                            + factory.getStartupTimeout(), e);
                }
                LOG.warn("NATS not reachable yet at {}: {}", factory.getUrls(), e.getMessage());
                Thread.sleep(Duration.ofMillis(500).toMillis());
            }
        }
    }

    @Override
    public void stop() throws Exception {
        Connection c = connection;
        if (c != null) {
            c.close();
        }
    }

    /** The open connection; only valid after {@link #start()}. */
    public Connection connection() {
        Connection c = connection;
        if (c == null) {
            throw new IllegalStateException("NATS connection not started");
        }
        return c;
    }

    boolean isStarted() {
        return connection != null;
    }
}
