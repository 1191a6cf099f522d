package io.chorus.common.cassandra;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.CqlSessionBuilder;
import com.datastax.oss.driver.api.core.config.DefaultDriverOption;
import com.datastax.oss.driver.api.core.config.DriverConfigLoader;
import com.datastax.oss.driver.api.core.config.ProgrammaticDriverConfigLoaderBuilder;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.dropwizard.util.Duration;
import jakarta.validation.constraints.NotEmpty;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;

/** Configuration of a service's Cassandra session. Contact points are {@code host:port}. */
public class CassandraFactory {
    @NotEmpty
    @JsonProperty
    private List<String> contactPoints = List.of("127.0.0.1:9042");

    @JsonProperty
    private String localDatacenter = "datacenter1";

    /**
     * Consistency of every request: {@code LOCAL_ONE} (the driver's default) on one node, {@code QUORUM} on a
     * cluster with replication factor 3 so that a write acknowledged survives the loss of any one node.
     */
    @JsonProperty
    private String consistency = "LOCAL_ONE";

    /**
     * The addresses nodes announce, mapped to the ones to use ({@code 127.0.0.2:9042: 127.0.0.1:31002}): each
     * node's proxy on the local stack, so that every connection goes through the link under test.
     */
    @JsonProperty
    private Map<String, String> addressTranslation = Map.of();

    /** How long start-up keeps trying to reach a node before the service gives up. */
    @JsonProperty
    private Duration startupTimeout = Duration.seconds(90);

    public List<String> getContactPoints() {
        return contactPoints;
    }

    public void setContactPoints(List<String> contactPoints) {
        this.contactPoints = contactPoints;
    }

    public java.time.Duration getStartupTimeout() {
        return startupTimeout.toJavaDuration();
    }

    public String getConsistency() {
        return consistency;
    }

    public Map<String, String> getAddressTranslation() {
        return addressTranslation;
    }

    CqlSessionBuilder sessionBuilder() {
        ProgrammaticDriverConfigLoaderBuilder config = DriverConfigLoader.programmaticBuilder()
                .withString(DefaultDriverOption.REQUEST_CONSISTENCY, consistency);
        if (!addressTranslation.isEmpty()) {
            config.withClass(DefaultDriverOption.ADDRESS_TRANSLATOR_CLASS, ProxyAddressTranslator.class)
                    .withStringList(
                            ProxyAddressTranslator.ENTRIES,
                            addressTranslation.entrySet().stream()
                                    .map(e -> e.getKey() + "=" + e.getValue())
                                    .toList());
        }
        CqlSessionBuilder builder =
                CqlSession.builder().withConfigLoader(config.build()).withLocalDatacenter(localDatacenter);
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
        return InetSocketAddress.createUnresolved(
                hostPort.substring(0, colon), Integer.parseInt(hostPort.substring(colon + 1)));
    }

    public ManagedCqlSession build() {
        return new ManagedCqlSession(this);
    }
}
