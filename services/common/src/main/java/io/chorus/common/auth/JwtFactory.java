package io.chorus.common.auth;

import com.fasterxml.jackson.annotation.JsonProperty;
import jakarta.validation.constraints.AssertTrue;
import java.time.Duration;

/**
 * How a service checks bearer tokens: HS256 with a shared secret (development), or RS256 with the issuer's public
 * key in PEM (production). Exactly one of the two is configured.
 */
public class JwtFactory {
    /** HS256 secret, at least 32 bytes. */
    @JsonProperty
    private String hmacSecret;

    /** RS256 public key, PEM ({@code -----BEGIN PUBLIC KEY-----}). */
    @JsonProperty
    private String rsaPublicKeyPem;

    /** Clock skew tolerated on {@code exp} and {@code nbf}. */
    @JsonProperty
    private Duration clockSkew = Duration.ofSeconds(30);

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

    @AssertTrue(message = "configure exactly one of hmacSecret (32+ bytes) and rsaPublicKeyPem")
    public boolean isOneKeyConfigured() {
        boolean hmac = hmacSecret != null && hmacSecret.getBytes(java.nio.charset.StandardCharsets.UTF_8).length >= 32;
        boolean rsa = rsaPublicKeyPem != null && !rsaPublicKeyPem.isBlank();
        return hmac ^ rsa;
    }

    public JwtVerifier build() {
        return rsaPublicKeyPem != null && !rsaPublicKeyPem.isBlank()
                ? JwtVerifier.rs256(rsaPublicKeyPem, clockSkew)
                : JwtVerifier.hs256(hmacSecret, clockSkew);
    }
}
