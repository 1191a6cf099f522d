package io.chorus.common.nats;

import io.dropwizard.lifecycle.Managed;
import java.time.Duration;

/**
 * Ensures the {@link JetStreamLayout} when the service starts. Register it with the lifecycle right after the
 * {@link ManagedNatsConnection}, so it runs once the connection is open. A cluster that has just started may not
 * answer JetStream requests yet (no meta leader): start-up retries until {@code timeout}.
 */
public final class JetStreamSetup implements Managed {
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
        layout.ensure(nats.connection(), timeout);
    }
}
