package io.chorus.common.cassandra;

import io.chorus.common.engine.EngineBundle;

/** A service's Cassandra session, health check {@code cassandra}. */
public final class CassandraBundle<C extends CassandraConfiguration>
        extends EngineBundle<C, CassandraFactory, ManagedCqlSession> {
    public CassandraBundle() {
        super("cassandra", CassandraConfiguration::getCassandra, CassandraFactory::build, CassandraHealthCheck::new);
    }
}
