package io.chorus.command;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.chorus.common.api.PerUserRateLimit;
import io.chorus.common.auth.JwtFactory;
import io.chorus.common.nats.NatsConfiguration;
import io.chorus.common.nats.NatsFactory;
import io.dropwizard.core.Configuration;
import io.dropwizard.util.Duration;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

public class CommandConfiguration extends Configuration implements NatsConfiguration {
    @Valid
    @NotNull
    @JsonProperty
    private JwtFactory auth = new JwtFactory();

    @Valid
    @NotNull
    @JsonProperty
    private NatsFactory nats = new NatsFactory();

    /** How long a permission answer may be reused: the bound on a removed member still posting. */
    @NotNull
    @JsonProperty
    private Duration permissionCacheBound = Duration.seconds(1);

    @Min(1)
    @JsonProperty
    private int permissionCacheMaxEntries = 100_000;

    /** How long a send waits for a permission read of the bucket before answering 503 (decision 0063). */
    @NotNull
    @JsonProperty
    private Duration permissionReadTimeout = Duration.seconds(2);

    /** Permission reads of sends outstanding at once; past it a send is answered 503 at once (decision 0063). */
    @Min(1)
    @JsonProperty
    private int permissionReadWindow = 512;

    /** How long to wait for a PubAck before answering 503. */
    @NotNull
    @JsonProperty
    private Duration ackTimeout = Duration.seconds(2);

    /** Sends waiting for their PubAck at once; past it a send is answered 503 at once (decision 0039). */
    @Min(1)
    @JsonProperty
    private int sendWindow = 512;

    @Valid
    @NotNull
    @JsonProperty
    private PerUserRateLimit.Config rateLimit = new PerUserRateLimit.Config();

    /** Posts per second each incoming webhook may make, and the burst above it (decision 0216). */
    @Min(1)
    @JsonProperty
    private double hookPostsPerSecond = 5;

    @Min(1)
    @JsonProperty
    private int hookPostsBurst = 20;

    /**
     * Connections the API admits at once (the admin port apart); past it the server stops accepting until one
     * closes (decision 0088). As many as the send window: a send holds its connection until its PubAck.
     */
    @Min(1)
    @JsonProperty
    private int maxConnections = 512;

    /** Largest request body (the bulk import excepted): 413 beyond it. */
    @Min(1024)
    @JsonProperty
    private long maxBodyBytes = 64 * 1024;

    @Min(1024)
    @JsonProperty
    private long maxImportBytes = 1L << 30;

    /** PubAcks the bulk import keeps in flight. */
    @Min(1)
    @JsonProperty
    private int importWindow = 1_024;

    /**
     * Secret (32+ bytes) that tags each message id with its author (decision 0024): the same on every command
     * instance and kept across restarts, or authors can no longer edit their earlier messages.
     */
    @jakarta.validation.constraints.NotNull
    @jakarta.validation.constraints.Size(min = 32)
    @JsonProperty
    private String messageAuthorKey;

    public String getMessageAuthorKey() {
        return messageAuthorKey;
    }

    /** The published example key would let anyone forge the authorship tag: refused as the example secret is. */
    @jakarta.validation.constraints.AssertTrue(
            message = "messageAuthorKey is an example secret published with "
                    + "Chorus: set a key of your own (32+ random bytes), or start with -Ddw.auth.allowExampleSecret=true for "
                    + "local development only")
    public boolean isMessageAuthorKeyNotAnExample() {
        return auth == null
                || auth.isAllowExampleSecret()
                || !io.chorus.common.auth.ExampleSecrets.isExample(messageAuthorKey);
    }

    @Override
    public NatsFactory getNats() {
        return nats;
    }

    public JwtFactory getAuth() {
        return auth;
    }

    public java.time.Duration getPermissionCacheBound() {
        return permissionCacheBound.toJavaDuration();
    }

    public int getPermissionCacheMaxEntries() {
        return permissionCacheMaxEntries;
    }

    public java.time.Duration getPermissionReadTimeout() {
        return permissionReadTimeout.toJavaDuration();
    }

    public int getPermissionReadWindow() {
        return permissionReadWindow;
    }

    public java.time.Duration getAckTimeout() {
        return ackTimeout.toJavaDuration();
    }

    public int getSendWindow() {
        return sendWindow;
    }

    public PerUserRateLimit.Config getRateLimit() {
        return rateLimit;
    }

    public int getMaxConnections() {
        return maxConnections;
    }

    public long getMaxBodyBytes() {
        return maxBodyBytes;
    }

    public long getMaxImportBytes() {
        return maxImportBytes;
    }

    public int getImportWindow() {
        return importWindow;
    }

    /**
     * Whether webhook URLs may name loopback (decision 0210): local stacks and tests only; never in production,
     * where it would let a registration reach the services on the host.
     */
    @JsonProperty
    private boolean webhooksAllowLoopback = false;

    public boolean isWebhooksAllowLoopback() {
        return webhooksAllowLoopback;
    }

    public double getHookPostsPerSecond() {
        return hookPostsPerSecond;
    }

    public int getHookPostsBurst() {
        return hookPostsBurst;
    }
}
