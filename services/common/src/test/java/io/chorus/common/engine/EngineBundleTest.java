package io.chorus.common.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.chorus.common.mongo.MongoBundle;
import io.chorus.common.mongo.MongoConfiguration;
import io.chorus.common.mongo.MongoFactory;
import io.chorus.common.nats.NatsBundle;
import io.chorus.common.nats.NatsConfiguration;
import io.chorus.common.nats.NatsFactory;
import io.dropwizard.core.setup.Environment;
import io.dropwizard.lifecycle.JettyManaged;
import java.util.List;
import java.util.Set;
import org.eclipse.jetty.util.component.LifeCycle;
import org.junit.jupiter.api.Test;

/** What a bundle registers when the service runs; nothing is connected (no lifecycle starts here). */
class EngineBundleTest {
    private final Environment environment = new Environment("test");
    /** The checks every environment starts with (Dropwizard's {@code deadlocks}). */
    private final Set<String> initialChecks =
            Set.copyOf(environment.healthChecks().getNames());
    /** The objects every environment starts with (the health checks' thread pool). */
    private final int initialManaged =
            environment.lifecycle().getManagedObjects().size();

    @Test
    void aConfiguredEngineIsManagedAndHealthChecked() {
        MongoBundle<Engines> mongo = new MongoBundle<>();
        mongo.run(new Engines(new MongoFactory()), environment);
        assertThat(healthChecks()).containsExactly("mongo");
        assertThat(managed()).containsExactly(mongo.connection());
    }

    @Test
    void anEngineTheConfigurationLeavesOutIsNeitherConnectedNorChecked() {
        MongoBundle<Engines> mongo = new MongoBundle<>();
        mongo.run(new Engines(null), environment);
        assertThat(healthChecks()).isEmpty();
        assertThat(managed()).isEmpty();
        assertThatThrownBy(mongo::connection).hasMessage("mongo is not configured for this service");
    }

    @Test
    void aSecondNatsConnectionHasItsOwnHealthCheckAndEnsuresNoStreams() {
        Engines config = new Engines(null);
        config.nats.setConnectionName("command");
        NatsBundle<Engines> nats = NatsBundle.ensuringStreams();
        NatsBundle<Engines> permissions = NatsBundle.second("command", "permissions");
        nats.run(config, environment);
        permissions.run(config, environment);
        assertThat(healthChecks()).containsExactly("nats", "nats-permissions");
        // the first connection, its stream setup after it, then the second connection alone
        assertThat(managed()).hasSize(3).startsWith(nats.connection()).endsWith(permissions.connection());
        assertThat(nats.connection()).isNotSameAs(permissions.connection());
    }

    private List<String> healthChecks() {
        return environment.healthChecks().getNames().stream()
                .filter(name -> !initialChecks.contains(name))
                .toList();
    }

    private List<Object> managed() {
        List<LifeCycle> all = environment.lifecycle().getManagedObjects();
        return all.subList(initialManaged, all.size()).stream()
                .map(o -> (Object) ((JettyManaged) o).getManaged())
                .toList();
    }

    private static final class Engines implements MongoConfiguration, NatsConfiguration {
        private final MongoFactory mongo;
        private final NatsFactory nats = new NatsFactory();

        Engines(MongoFactory mongo) {
            this.mongo = mongo;
        }

        @Override
        public MongoFactory getMongo() {
            return mongo;
        }

        @Override
        public NatsFactory getNats() {
            return nats;
        }
    }
}
