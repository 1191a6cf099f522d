package io.chorus.common.cassandra;

/** A service configuration with a Cassandra block: hands its factory to the {@link CassandraBundle}. */
public interface CassandraConfiguration {
    CassandraFactory getCassandra();
}
