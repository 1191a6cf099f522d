package io.chorus.common.auth;

import com.fasterxml.jackson.annotation.JsonProperty;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;

/**
 * How a service checks bearer tokens: HS256 with a shared secret (development), or RS256 with the issuer's public
 * key in PEM (production). Exactly one of the two is configured. Every token must also name the configured
 * {@code issuer} and {@code audience} and live no longer than {@code maxTokenLifetime} (decision 0102).
 */
public class JwtFactory {
    /** The longest lifetime a token may have ({@code exp} after {@code iat}, and after now). */
    public static final Duration DEFAULT_MAX_TOKEN_LIFETIME = Duration.ofHours(24);

    /** HS256 secret, at least 32 bytes. */
    @JsonProperty
    private String hmacSecret;

    /** RS256 public key, PEM ({@code -----BEGIN PUBLIC KEY-----}). */
    @JsonProperty
    private String rsaPublicKeyPem;

    /** The {@code iss} every token must carry. */
    @JsonProperty
    @NotBlank
    private String issuer;

    /** A value the token's {@code aud} must contain. */
    @JsonProperty
    @NotBlank
    private String audience;

    @JsonProperty
    @NotNull
    private io.dropwizard.util.Duration maxTokenLifetime =
            io.dropwizard.util.Duration.hours(DEFAULT_MAX_TOKEN_LIFETIME.toHours());

    /** Clock skew tolerated on {@code exp} and {@code nbf}. */
    @JsonProperty
    @NotNull
    private io.dropwizard.util.Duration clockSkew = io.dropwizard.util.Duration.seconds(30);

    /** Local development only: accept an HS256 secret published in an example configuration. */
    @JsonProperty
    private boolean allowExampleSecret;

    public String getHmacSecret() {
        return hmacSecret;
    }

    public void setHmacSecret(String hmacSecret) {
        this.hmacSecret = hmacSecret;
    }

    public String getRsaPublicKeyPem() {
        return rsaPublicKeyPem;
    }

    public void setRsaPublicKeyPem(String rsaPublicKeyPem) {
        this.rsaPublicKeyPem = rsaPublicKeyPem;
    }

    public String getIssuer() {
        return issuer;
    }

    public void setIssuer(String issuer) {
        this.issuer = issuer;
    }

    public String getAudience() {
        return audience;
    }

    public void setAudience(String audience) {
        this.audience = audience;
    }

    public Duration getMaxTokenLifetime() {
        return maxTokenLifetime.toJavaDuration();
    }

    public boolean isAllowExampleSecret() {
        return allowExampleSecret;
    }

    public void setAllowExampleSecret(boolean allowExampleSecret) {
        this.allowExampleSecret = allowExampleSecret;
    }

    @AssertTrue(message = "configure exactly one of hmacSecret (32+ bytes) and rsaPublicKeyPem")
    public boolean isOneKeyConfigured() {
        boolean hmac = hmacSecret != null && hmacSecret.getBytes(java.nio.charset.StandardCharsets.UTF_8).length >= 32;
        boolean rsa = rsaPublicKeyPem != null && !rsaPublicKeyPem.isBlank();
        return hmac ^ rsa;
    }

    @AssertTrue(
            message = "hmacSecret is an example secret published with Chorus: anyone can sign tokens with it. "
                    + "Set a secret of your own (32+ random bytes), or start with -Ddw.auth.allowExampleSecret=true for "
                    + "local development only")
    public boolean isSecretNotAnExample() {
        return allowExampleSecret || !ExampleSecrets.isExample(hmacSecret);
    }

    @AssertTrue(message = "maxTokenLifetime must be positive")
    public boolean isMaxTokenLifetimePositive() {
        return maxTokenLifetime == null || maxTokenLifetime.toNanoseconds() > 0;
    }

    public JwtVerifier build() {
        JwtVerifier.Rules rules =
                new JwtVerifier.Rules(issuer, audience, maxTokenLifetime.toJavaDuration(), clockSkew.toJavaDuration());
        return rsaPublicKeyPem != null && !rsaPublicKeyPem.isBlank()
                ? JwtVerifier.rs256(rsaPublicKeyPem, rules)
                : JwtVerifier.hs256(hmacSecret, rules);
    }
}
