package io.chorus.common.engine;

import com.codahale.metrics.health.HealthCheck;
import io.dropwizard.core.ConfiguredBundle;
import io.dropwizard.core.setup.Environment;
import io.dropwizard.lifecycle.Managed;
import java.util.function.Function;

/**
 * One engine connection of a service, as a Dropwizard bundle: when the service runs, it builds the connection from
 * the configuration's factory, registers it with the lifecycle (opened when the service starts, closed when it
 * stops) and registers its health check. Bundles run before {@code Application.run}, so every connection is
 * opened before the workers and resources that use it start, and closed after they stop. A configuration that
 * hands over no factory (null) leaves the engine out: no connection, no health check.
 *
 * @param <C> the service's configuration
 * @param <F> the engine's factory (its configuration block)
 * @param <T> the managed connection
 */
public abstract class EngineBundle<C, F, T extends Managed> implements ConfiguredBundle<C> {
    private final String name;
    private final Function<? super C, F> factory;
    private final Function<F, T> build;
    private final Function<T, HealthCheck> healthCheck;
    private T connection;

    /** @param name the health check's name, and the engine's in errors */
    protected EngineBundle(
            String name, Function<? super C, F> factory, Function<F, T> build, Function<T, HealthCheck> healthCheck) {
        this.name = name;
        this.factory = factory;
        this.build = build;
        this.healthCheck = healthCheck;
    }

    @Override
    public void run(C configuration, Environment environment) {
        F configured = factory.apply(configuration);
        if (configured == null) {
            return;
        }
        T built = build.apply(configured);
        environment.lifecycle().manage(built);
        environment.healthChecks().register(name, healthCheck.apply(built));
        afterManaged(built, configured, environment);
        connection = built;
    }

    /** What starts right after the connection and stops right before it closes; nothing by default. */
    protected void afterManaged(T built, F configured, Environment environment) {}

    /** The connection; opened once the service has started. */
    public T connection() {
        if (connection == null) {
            throw new IllegalStateException(name + " is not configured for this service");
        }
        return connection;
    }
}
