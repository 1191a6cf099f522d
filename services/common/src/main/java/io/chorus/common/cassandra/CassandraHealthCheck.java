package io.chorus.common.cassandra;

import com.codahale.metrics.health.HealthCheck;
import com.datastax.oss.driver.api.core.cql.Row;
import com.datastax.oss.driver.api.core.cql.SimpleStatement;
import java.time.Duration;

/** Healthy when a CQL query answers. */
public class CassandraHealthCheck extends HealthCheck {
    private static final SimpleStatement PROBE = SimpleStatement.newInstance("SELECT release_version FROM system.local")
            .setTimeout(Duration.ofSeconds(2));

    private final ManagedCqlSession cassandra;

    public CassandraHealthCheck(ManagedCqlSession cassandra) {
        this.cassandra = cassandra;
    }

    @Override
    protected Result check() {
        if (!cassandra.isStarted()) {
            return Result.unhealthy("not connected yet");
        }
        Row row = cassandra.session().execute(PROBE).one();
        return Result.healthy("Cassandra %s", row == null ? "?" : row.getString(0));
    }
}
