package io.chorus.common.mongo;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.mongodb.ConnectionString;
import com.mongodb.MongoClientSettings;
import io.chorus.common.config.TlsFactory;
import io.dropwizard.util.Duration;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import java.util.concurrent.TimeUnit;

/**
 * Configuration of a service's MongoDB (wire protocol) client. Credentials sit in the URI
 * ({@code mongodb://chorus:${CHORUS_MONGO_PASSWORD}@host/?authSource=admin}, the password as an environment
 * reference, decision 0260), and so may {@code tls=true}; a {@code tls} block turns TLS on with its own trust.
 */
public class MongoFactory {
    @NotEmpty
    @JsonProperty
    private String uri = "mongodb://127.0.0.1:27017/?directConnection=true";

    @NotEmpty
    @JsonProperty
    private String database = "chorus";

    /**
     * The longest wait for one reply on a connection. The driver's default is forever: a server restarted under a
     * bulk insert would leave the meta writer in its socket read for good, its batch unacked and the META consumer
     * stalled. A timeout is an outage to the consumers (retried, never dead-lettered).
     */
    @NotNull
    @JsonProperty
    private Duration readTimeout = Duration.seconds(30);

    /** TLS to the servers with this trust (and client certificate); absent: what the URI says. */
    @Valid
    @JsonProperty
    private TlsFactory tls;

    public String getUri() {
        return uri;
    }

    public void setUri(String uri) {
        this.uri = uri;
    }

    public String getDatabase() {
        return database;
    }

    public void setDatabase(String database) {
        this.database = database;
    }

    public void setTls(TlsFactory tls) {
        this.tls = tls;
    }

    MongoClientSettings settings() {
        MongoClientSettings.Builder settings = MongoClientSettings.builder()
                .applyConnectionString(new ConnectionString(uri))
                .applyToClusterSettings(b -> b.serverSelectionTimeout(5, TimeUnit.SECONDS))
                .applyToSocketSettings(b -> b.connectTimeout(2, TimeUnit.SECONDS)
                        .readTimeout(readTimeout.toMilliseconds(), TimeUnit.MILLISECONDS));
        if (tls != null) {
            settings.applyToSslSettings(
                    b -> b.enabled(true).context(tls.sslContext()).invalidHostNameAllowed(!tls.isVerifyHostname()));
        }
        return settings.build();
    }

    public ManagedMongoClient build() {
        return new ManagedMongoClient(this);
    }
}
