package io.chorus.common.cassandra;

import com.datastax.oss.driver.api.core.AllNodesFailedException;
import com.datastax.oss.driver.api.core.CqlSession;
import io.chorus.common.engine.StartupAttempts;
import io.dropwizard.lifecycle.Managed;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The service's Cassandra session, opened when the service starts and closed when it stops. */
public class ManagedCqlSession implements Managed {
    private static final Logger LOG = LoggerFactory.getLogger(ManagedCqlSession.class);

    private final CassandraFactory factory;
    private volatile CqlSession session;

    public ManagedCqlSession(CassandraFactory factory) {
        this.factory = factory;
    }

    @Override
    public void start() throws Exception {
        session = StartupAttempts.open(
                "Cassandra",
                factory.getContactPoints(),
                factory.getStartupTimeout(),
                AllNodesFailedException.class,
                () -> factory.sessionBuilder().build());
        LOG.info("connected to Cassandra at {}", factory.getContactPoints());
    }

    @Override
    public void stop() {
        CqlSession s = session;
        if (s != null) {
            s.close();
        }
    }

    public CqlSession session() {
        CqlSession s = session;
        if (s == null) {
            throw new IllegalStateException("Cassandra session not started");
        }
        return s;
    }

    boolean isStarted() {
        return session != null;
    }
}
