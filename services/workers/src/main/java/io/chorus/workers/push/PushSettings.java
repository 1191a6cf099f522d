package io.chorus.workers.push;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.chorus.workers.push.core.Backoff;
import io.chorus.workers.push.core.DeliveryPolicy;
import io.dropwizard.util.Duration;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotEmpty;

/**
 * The push pool's settings (decision 0201). A provider without settings is not used: its devices' notifications
 * are dead-lettered as undeliverable, so a deployment without APNs credentials loses nothing silently.
 */
public class PushSettings {
    @Min(1)
    @Max(32)
    @JsonProperty
    private int workers = 2;

    @Min(1)
    @Max(1000)
    @JsonProperty
    private int batchSize = 32;

    @JsonProperty
    private Duration fetchWait = Duration.milliseconds(250);

    /** Sends at once per provider. */
    @Min(1)
    @JsonProperty
    private int concurrency = 64;

    /** Attempts at a notification the provider keeps failing before its event is dead-lettered. */
    @Min(1)
    @JsonProperty
    private int maxAttempts = 8;

    @JsonProperty
    private Duration retryFirstDelay = Duration.seconds(1);

    @JsonProperty
    private Duration retryMaxDelay = Duration.minutes(1);

    /** The longest {@code Retry-After} honoured. */
    @JsonProperty
    private Duration maxRetryAfter = Duration.minutes(5);

    @Min(1)
    @JsonProperty
    private int breakerThreshold = 5;

    /** Short: a trial send costs one request, and every notification of the provider waits this long after it is back. */
    @JsonProperty
    private Duration breakerOpenFor = Duration.seconds(5);

    /** How long one read of who set a channel to {@code all} serves its messages (decision 0290); 0: every time. */
    @JsonProperty
    private Duration levelsReusedFor = Duration.seconds(5);

    @Valid
    @JsonProperty
    private Apns apns;

    @Valid
    @JsonProperty
    private Fcm fcm;

    public java.time.Duration getLevelsReusedFor() {
        return levelsReusedFor.toJavaDuration();
    }

    public int getWorkers() {
        return workers;
    }

    public int getBatchSize() {
        return batchSize;
    }

    public java.time.Duration getFetchWait() {
        return fetchWait.toJavaDuration();
    }

    public int getConcurrency() {
        return concurrency;
    }

    public int getBreakerThreshold() {
        return breakerThreshold;
    }

    public java.time.Duration getBreakerOpenFor() {
        return breakerOpenFor.toJavaDuration();
    }

    public DeliveryPolicy deliveryPolicy() {
        return new DeliveryPolicy(
                new Backoff(
                        retryFirstDelay.toJavaDuration(),
                        retryMaxDelay.toJavaDuration(),
                        maxRetryAfter.toJavaDuration()),
                maxAttempts);
    }

    public Apns getApns() {
        return apns;
    }

    public Fcm getFcm() {
        return fcm;
    }

    /** APNs with token authentication. */
    public static class Apns {
        @NotEmpty
        @JsonProperty
        private String host = "api.push.apple.com";

        @Min(1)
        @Max(65535)
        @JsonProperty
        private int port = 443;

        /** The p8 (PKCS#8) ES256 key file. */
        @NotEmpty
        @JsonProperty
        private String signingKeyFile;

        @NotEmpty
        @JsonProperty
        private String keyId;

        @NotEmpty
        @JsonProperty
        private String teamId;

        /** A PEM certificate to trust instead of the JDK's CAs (a provider fake); absent for the real APNs. */
        @JsonProperty
        private String trustedCertificateFile;

        @Min(1)
        @JsonProperty
        private int connections = 2;

        public String getHost() {
            return host;
        }

        public int getPort() {
            return port;
        }

        public String getSigningKeyFile() {
            return signingKeyFile;
        }

        public String getKeyId() {
            return keyId;
        }

        public String getTeamId() {
            return teamId;
        }

        public String getTrustedCertificateFile() {
            return trustedCertificateFile;
        }

        public int getConnections() {
            return connections;
        }
    }

    /** FCM HTTP v1 with a service account. */
    public static class Fcm {
        @NotEmpty
        @JsonProperty
        private String baseUrl = "https://fcm.googleapis.com";

        @NotEmpty
        @JsonProperty
        private String tokenUrl = "https://oauth2.googleapis.com/token";

        @NotEmpty
        @JsonProperty
        private String projectId;

        /** The service account's JSON key file ({@code client_email}, {@code private_key}). */
        @NotEmpty
        @JsonProperty
        private String serviceAccountFile;

        /** A PEM certificate to trust instead of the JDK's CAs (a provider fake); absent for the real FCM. */
        @JsonProperty
        private String trustedCertificateFile;

        public String getBaseUrl() {
            return baseUrl;
        }

        public String getTokenUrl() {
            return tokenUrl;
        }

        public String getProjectId() {
            return projectId;
        }

        public String getServiceAccountFile() {
            return serviceAccountFile;
        }

        public String getTrustedCertificateFile() {
            return trustedCertificateFile;
        }
    }
}
