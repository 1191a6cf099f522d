package io.chorus.common.nats;

import io.chorus.common.engine.EngineBundle;
import io.dropwizard.core.setup.Environment;
import java.util.function.Function;

/**
 * A service's connection to NATS, health check {@code nats}. The services that publish to or consume from the
 * streams also ensure the {@link JetStreamLayout} once the connection is open ({@link JetStreamSetup}).
 */
public final class NatsBundle<C> extends EngineBundle<C, NatsFactory, ManagedNatsConnection> {
    private final boolean ensureLayout;

    private NatsBundle(String name, Function<? super C, NatsFactory> factory, boolean ensureLayout) {
        super(name, factory, NatsFactory::build, NatsHealthCheck::new);
        this.ensureLayout = ensureLayout;
    }

    /** The connection, and the streams and buckets ensured (with retries while a just-started cluster elects). */
    public static <C extends NatsConfiguration> NatsBundle<C> ensuringStreams() {
        return new NatsBundle<>("nats", NatsConfiguration::getNats, true);
    }

    /** The connection only: a service that neither publishes nor consumes leaves the streams to the others. */
    public static <C extends NatsConfiguration> NatsBundle<C> connectionOnly() {
        return new NatsBundle<>("nats", NatsConfiguration::getNats, false);
    }

    /**
     * A second connection of the service to the same cluster, named {@code <connectionName>-<purpose>} (or
     * {@code <service>-<purpose>} when no connection name is configured), health check {@code nats-<purpose>}.
     */
    public static <C extends NatsConfiguration> NatsBundle<C> second(String service, String purpose) {
        return new NatsBundle<>(
                "nats-" + purpose,
                c -> c.getNats()
                        .named(java.util.Objects.requireNonNullElse(c.getNats().getConnectionName(), service) + "-"
                                + purpose),
                false);
    }

    @Override
    protected void afterManaged(ManagedNatsConnection nats, NatsFactory factory, Environment environment) {
        if (ensureLayout) {
            environment.lifecycle().manage(new JetStreamSetup(nats, factory.layout()));
        }
    }
}
