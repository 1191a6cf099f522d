package io.chorus.common.nats;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.chorus.common.config.TlsFactory;
import io.dropwizard.util.Duration;
import io.dropwizard.validation.ValidationMethod;
import io.nats.client.Nats;
import io.nats.client.Options;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotEmpty;
import java.util.List;
import java.util.stream.Stream;

/** Configuration of a service's connection to the NATS cluster. */
public class NatsFactory {
    @NotEmpty
    @JsonProperty
    private List<String> urls = List.of("nats://127.0.0.1:4222");

    @JsonProperty
    private String connectionName;

    /**
     * Talk only to the configured URLs. The harness puts a Toxiproxy in front of every node; a client that
     * followed the servers' gossip would route around the proxy and escape injected faults.
     */
    @JsonProperty
    private boolean ignoreDiscoveredServers = true;

    /** How long start-up keeps trying to reach a server before the service gives up. */
    @JsonProperty
    private Duration startupTimeout = Duration.seconds(60);

    /**
     * Replicas of every stream and KV bucket; unset means one per configured URL up to 3 (the harness configures
     * one URL, a proxy, per cluster node).
     */
    @JsonProperty
    private Integer streamReplicas;

    /**
     * How the service proves who it is, at most one way: {@code user} and {@code password}, an {@code nkeySeed}
     * (the seed, {@code SU...}, of a user nkey the servers list), or a {@code credentialsFile} (a {@code .creds}
     * file: a user JWT and its nkey seed, for servers run with accounts from an operator). Secrets are written as
     * {@code ${NAME}} (decision 0260); none: the servers admit anyone who can reach them.
     */
    @JsonProperty
    private String user;

    @JsonProperty
    private String password;

    @JsonProperty
    private String nkeySeed;

    @JsonProperty
    private String credentialsFile;

    /** TLS to the servers ({@code tls://} URLs need it); absent: plain TCP. */
    @Valid
    @JsonProperty
    private TlsFactory tls;

    public List<String> getUrls() {
        return urls;
    }

    public void setUrls(List<String> urls) {
        this.urls = urls;
    }

    public String getConnectionName() {
        return connectionName;
    }

    public void setConnectionName(String connectionName) {
        this.connectionName = connectionName;
    }

    public java.time.Duration getStartupTimeout() {
        return startupTimeout.toJavaDuration();
    }

    public int getStreamReplicas() {
        return streamReplicas != null ? streamReplicas : JetStreamLayout.replicasFor(urls.size());
    }

    public void setStreamReplicas(Integer streamReplicas) {
        this.streamReplicas = streamReplicas;
    }

    public void setUser(String user) {
        this.user = user;
    }

    public void setPassword(String password) {
        this.password = password;
    }

    public void setNkeySeed(String nkeySeed) {
        this.nkeySeed = nkeySeed;
    }

    public void setCredentialsFile(String credentialsFile) {
        this.credentialsFile = credentialsFile;
    }

    public void setTls(TlsFactory tls) {
        this.tls = tls;
    }

    @ValidationMethod(message = "nats: give at most one of user and password, nkeySeed, credentialsFile")
    public boolean isOneWayToAuthenticate() {
        return Stream.of(user != null || password != null, nkeySeed != null, credentialsFile != null)
                        .filter(given -> given)
                        .count()
                <= 1;
    }

    @ValidationMethod(message = "nats: user and password go together")
    public boolean isUserWithPassword() {
        return (user == null) == (password == null);
    }

    /** The streams and buckets this service ensures at start-up. */
    public JetStreamLayout layout() {
        return new JetStreamLayout(getStreamReplicas());
    }

    public Options options() {
        Options.Builder builder = new Options.Builder()
                .servers(urls.toArray(String[]::new))
                .connectionName(connectionName)
                .maxReconnects(-1)
                .reconnectWait(java.time.Duration.ofMillis(250))
                .connectionTimeout(java.time.Duration.ofSeconds(2));
        if (ignoreDiscoveredServers) {
            builder.ignoreDiscoveredServers();
        }
        if (user != null) {
            builder.userInfo(user.toCharArray(), password.toCharArray());
        } else if (nkeySeed != null) {
            builder.authHandler(Nats.staticCredentials(null, nkeySeed.toCharArray()));
        } else if (credentialsFile != null) {
            builder.authHandler(Nats.credentials(credentialsFile));
        }
        if (tls != null) {
            builder.sslContext(tls.sslContext());
        }
        return builder.build();
    }

    /** The same cluster and options under another connection name: a second connection of the same service. */
    public NatsFactory named(String name) {
        NatsFactory copy = new NatsFactory();
        copy.urls = urls;
        copy.connectionName = name;
        copy.ignoreDiscoveredServers = ignoreDiscoveredServers;
        copy.startupTimeout = startupTimeout;
        copy.streamReplicas = streamReplicas;
        copy.user = user;
        copy.password = password;
        copy.nkeySeed = nkeySeed;
        copy.credentialsFile = credentialsFile;
        copy.tls = tls;
        return copy;
    }

    public ManagedNatsConnection build() {
        return new ManagedNatsConnection(this);
    }
}
