package io.chorus.common.auth;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.chorus.common.events.Subjects;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;

/**
 * Issues HS256 tokens with the development secret: for {@code harness token}, the harness and tests. They carry
 * {@link #ISSUER} and {@link #AUDIENCE}, which the harness's local stack configures every service to require.
 */
public final class DevelopmentTokens {
    public static final String ISSUER = "chorus-development";
    public static final String AUDIENCE = "chorus";

    private final MACSigner signer;

    public DevelopmentTokens(String secret) {
        try {
            this.signer = new MACSigner(secret.getBytes(StandardCharsets.UTF_8));
        } catch (JOSEException e) {
            throw new IllegalArgumentException("HS256 secret must be at least 32 bytes", e);
        }
    }

    public String issue(String userId, boolean admin, Duration ttl) {
        Instant now = Instant.now();
        JWTClaimsSet claims = new JWTClaimsSet.Builder()
                .subject(Subjects.requireToken(userId))
                .issuer(ISSUER)
                .audience(AUDIENCE)
                .issueTime(Date.from(now))
                .expirationTime(Date.from(now.plus(ttl)))
                .claim(JwtVerifier.ADMIN_CLAIM, admin)
                .build();
        SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), claims);
        try {
            jwt.sign(signer);
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
        return jwt.serialize();
    }
}
