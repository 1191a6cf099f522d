package io.chorus.common.nats;

import io.dropwizard.lifecycle.Managed;
import io.nats.client.Connection;
import java.time.Duration;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Ensures the {@link JetStreamLayout} when the service starts. Register it with the lifecycle right after the
 * {@link ManagedNatsConnection}, so it runs once the connection is open. A cluster that has just started may not
 * answer JetStream requests yet (no meta leader): start-up retries until {@code timeout}.
 */
public final class JetStreamSetup implements Managed {
    private static final Logger LOG = LoggerFactory.getLogger(JetStreamSetup.class);

    private final ManagedNatsConnection nats;
    private final JetStreamLayout layout;
    private final Duration timeout;

    public JetStreamSetup(ManagedNatsConnection nats, JetStreamLayout layout) {
        this(nats, layout, Duration.ofSeconds(90));
    }

    public JetStreamSetup(ManagedNatsConnection nats, JetStreamLayout layout, Duration timeout) {
        this.nats = nats;
        this.layout = layout;
        this.timeout = timeout;
    }

    @Override
    public void start() throws Exception {
        Instant deadline = Instant.now().plus(timeout);
        while (true) {
            try {
                Connection connection = nats.connection();
                layout.ensure(connection.jetStreamManagement(), connection.keyValueManagement());
                return;
            } catch (java.io.IOException e) {
                if (Instant.now().isAfter(deadline)) {
                    throw e;
                }
                LOG.warn("JetStream not ready for the stream layout yet: {}", e.getMessage());
                Thread.sleep(1_000);
            }
        }
    }
}
