package io.chorus.common.nats;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.dropwizard.util.Duration;
import io.nats.client.Options;
import jakarta.validation.constraints.NotEmpty;
import java.util.List;

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
        return copy;
    }

    public ManagedNatsConnection build() {
        return new ManagedNatsConnection(this);
    }
}
