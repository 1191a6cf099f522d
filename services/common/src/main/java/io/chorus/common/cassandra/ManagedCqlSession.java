package io.chorus.common.cassandra;

import com.datastax.oss.driver.api.core.AllNodesFailedException;
import com.datastax.oss.driver.api.core.CqlSession;
import io.dropwizard.lifecycle.Managed;
import java.time.Instant;
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
        Instant deadline = Instant.now().plus(factory.getStartupTimeout());
        while (true) {
            try {
                session = factory.sessionBuilder().build();
                LOG.info("connected to Cassandra at {}", factory.getContactPoints());
                return;
            } catch (AllNodesFailedException e) {
                if (Instant.now().isAfter(deadline)) {
                    throw e;
                }
                LOG.warn("Cassandra not reachable yet at {}: {}", factory.getContactPoints(), e.getMessage());
                Thread.sleep(500);
            }
        }
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
