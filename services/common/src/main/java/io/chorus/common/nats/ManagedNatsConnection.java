package io.chorus.common.nats;

import io.chorus.common.engine.StartupAttempts;
import io.dropwizard.lifecycle.Managed;
import io.nats.client.Connection;
import io.nats.client.Nats;
import java.io.IOException;
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
        connection = StartupAttempts.open(
                "NATS",
                factory.getUrls(),
                factory.getStartupTimeout(),
                IOException.class,
                () -> Nats.connect(factory.options()));
        LOG.info("connected to NATS at {}", connection.getConnectedUrl());
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
