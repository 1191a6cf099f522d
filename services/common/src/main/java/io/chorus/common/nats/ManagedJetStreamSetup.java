package io.chorus.common.nats;

import io.dropwizard.lifecycle.Managed;

/** Runs {@link InterimJetStreamSetup} when the service starts, after its NATS connection is open. */
public class ManagedJetStreamSetup implements Managed {
    private final ManagedNatsConnection nats;

    public ManagedJetStreamSetup(ManagedNatsConnection nats) {
        this.nats = nats;
    }

    @Override
    public void start() throws Exception {
        InterimJetStreamSetup.ensure(nats.connection());
    }
}
