package io.chorus.common.nats;

import io.dropwizard.lifecycle.Managed;
import io.nats.client.Connection;

/**
 * Ensures the {@link JetStreamLayout} when the service starts. Register it with the lifecycle right after the
 * {@link ManagedNatsConnection}, so it runs once the connection is open.
 */
public final class JetStreamSetup implements Managed {
    private final ManagedNatsConnection nats;
    private final JetStreamLayout layout;

    public JetStreamSetup(ManagedNatsConnection nats, JetStreamLayout layout) {
        this.nats = nats;
        this.layout = layout;
    }

    @Override
    public void start() throws Exception {
        Connection connection = nats.connection();
        layout.ensure(connection.jetStreamManagement(), connection.keyValueManagement());
    }
}
