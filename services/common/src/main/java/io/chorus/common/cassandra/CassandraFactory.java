package io.chorus.common.cassandra;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.CqlSessionBuilder;
import com.fasterxml.jackson.annotation.JsonProperty;
import jakarta.validation.constraints.NotEmpty;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;

/** Configuration of a service's Cassandra session. Contact points are {@code host:port}. */
public class CassandraFactory {
    @NotEmpty
    @JsonProperty
    private List<String> contactPoints = List.of("127.0.0.1:9042");

    @JsonProperty
    private String localDatacenter = "datacenter1";

    /** How long start-up keeps trying to reach a node before the service gives up. */
    @JsonProperty
    private Duration startupTimeout = Duration.ofSeconds(90);

    public List<String> getContactPoints() {
        return contactPoints;
    }

    public void setContactPoints(List<String> contactPoints) {
        this.contactPoints = contactPoints;
    }

    public Duration getStartupTimeout() {
        return startupTimeout;
    }

    CqlSessionBuilder sessionBuilder() {
        CqlSessionBuilder builder = CqlSession.builder().withLocalDatacenter(localDatacenter);
        for (String point : contactPoints) {
            builder.addContactPoint(parse(point));
        }
        return builder;
    }

    static InetSocketAddress parse(String hostPort) {
        int colon = hostPort.lastIndexOf(':');
        if (colon < 0) {
            throw new IllegalArgumentException("contact point must be host:port, got " + hostPort);
        }
        return InetSocketAddress.createUnresolved(hostPort.substring(0, colon),
                Integer.parseInt(hostPort.substring(colon + 1)));
    }

    public ManagedCqlSession build() {
        return new ManagedCqlSession(this);
    }
}
