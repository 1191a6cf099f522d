package io.chorus.common.cassandra;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.CqlSessionBuilder;
import com.datastax.oss.driver.api.core.config.DefaultDriverOption;
import com.datastax.oss.driver.api.core.config.DriverConfigLoader;
import com.datastax.oss.driver.api.core.config.ProgrammaticDriverConfigLoaderBuilder;
import com.datastax.oss.driver.api.core.ssl.ProgrammaticSslEngineFactory;
import com.datastax.oss.driver.api.core.ssl.SslEngineFactory;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.chorus.common.config.TlsFactory;
import io.dropwizard.util.Duration;
import io.dropwizard.validation.ValidationMethod;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotEmpty;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;
import java.util.Optional;

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

    /**
     * A role of Cassandra's password authenticator; the password is a secret, written as {@code ${NAME}}. Absent:
     * the nodes admit anyone who can reach them.
     */
    @JsonProperty
    private String username;

    @JsonProperty
    private String password;

    /** TLS to the nodes (client-to-node encryption); absent: plain TCP. */
    @Valid
    @JsonProperty
    private TlsFactory tls;

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

    public void setUsername(String username) {
        this.username = username;
    }

    public void setPassword(String password) {
        this.password = password;
    }

    public void setTls(TlsFactory tls) {
        this.tls = tls;
    }

    @ValidationMethod(message = "cassandra: username and password go together")
    public boolean isUsernameWithPassword() {
        return (username == null) == (password == null);
    }

    CqlSessionBuilder sessionBuilder() {
        CqlSessionBuilder builder =
                CqlSession.builder().withConfigLoader(driverConfig()).withLocalDatacenter(localDatacenter);
        sslEngineFactory().ifPresent(builder::withSslEngineFactory);
        for (String point : contactPoints) {
            builder.addContactPoint(parse(point));
        }
        return builder;
    }

    /** TLS to the nodes, host names checked unless {@code verifyHostname} is off. */
    Optional<SslEngineFactory> sslEngineFactory() {
        return Optional.ofNullable(tls)
                .map(t -> new ProgrammaticSslEngineFactory(t.sslContext(), null, t.isVerifyHostname()));
    }

    DriverConfigLoader driverConfig() {
        ProgrammaticDriverConfigLoaderBuilder config = DriverConfigLoader.programmaticBuilder()
                .withString(DefaultDriverOption.REQUEST_CONSISTENCY, consistency);
        if (username != null) {
            config.withString(DefaultDriverOption.AUTH_PROVIDER_CLASS, "PlainTextAuthProvider")
                    .withString(DefaultDriverOption.AUTH_PROVIDER_USER_NAME, username)
                    .withString(DefaultDriverOption.AUTH_PROVIDER_PASSWORD, password);
        }
        if (!addressTranslation.isEmpty()) {
            config.withClass(DefaultDriverOption.ADDRESS_TRANSLATOR_CLASS, ProxyAddressTranslator.class)
                    .withStringList(
                            ProxyAddressTranslator.ENTRIES,
                            addressTranslation.entrySet().stream()
                                    .map(e -> e.getKey() + "=" + e.getValue())
                                    .toList());
        }
        return config.build();
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
