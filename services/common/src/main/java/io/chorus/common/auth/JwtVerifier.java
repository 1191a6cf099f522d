package io.chorus.common.auth;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.crypto.MACVerifier;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.chorus.common.events.Subjects;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;

/**
 * Checks a bearer token and names its caller. Accepts only the one configured algorithm (never {@code none},
 * never the other family), requires {@code sub}, {@code exp}, the configured {@code iss} and an {@code aud} that
 * names this deployment, refuses a lifetime above the maximum, and honours {@code nbf} (decision 0102).
 */
public final class JwtVerifier implements TokenVerifier {
    public static final String ADMIN_CLAIM = "admin";

    /**
     * What a token must say besides its signature.
     *
     * @param maxLifetime the longest a token may live: from its {@code iat}, and from now (a token without
     *                    {@code iat}, or one that claims a late one, is measured from the moment it is checked)
     */
    public record Rules(String issuer, String audience, Duration maxLifetime, Duration clockSkew) {}

    private final JWSAlgorithm algorithm;
    private final JWSVerifier verifier;
    private final Rules rules;
    private final Clock clock;

    JwtVerifier(JWSAlgorithm algorithm, JWSVerifier verifier, Rules rules, Clock clock) {
        this.algorithm = algorithm;
        this.verifier = verifier;
        this.rules = rules;
        this.clock = clock;
    }

    public static JwtVerifier hs256(String secret, Rules rules) {
        try {
            return new JwtVerifier(
                    JWSAlgorithm.HS256,
                    new MACVerifier(secret.getBytes(StandardCharsets.UTF_8)),
                    rules,
                    Clock.systemUTC());
        } catch (JOSEException e) {
            throw new IllegalArgumentException("HS256 secret must be at least 32 bytes", e);
        }
    }

    public static JwtVerifier rs256(String publicKeyPem, Rules rules) {
        try {
            String base64 = publicKeyPem
                    .replaceAll("-----(BEGIN|END) PUBLIC KEY-----", "")
                    .replaceAll("\\s", "");
            RSAPublicKey key = (RSAPublicKey) KeyFactory.getInstance("RSA")
                    .generatePublic(new X509EncodedKeySpec(Base64.getDecoder().decode(base64)));
            return new JwtVerifier(JWSAlgorithm.RS256, new RSASSAVerifier(key), rules, Clock.systemUTC());
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IllegalArgumentException("not an RSA public key in PEM (-----BEGIN PUBLIC KEY-----)", e);
        }
    }

    JwtVerifier withClock(Clock newClock) {
        return new JwtVerifier(algorithm, verifier, rules, newClock);
    }

    @Override
    public ChorusPrincipal verify(String token) throws InvalidTokenException {
        if (token == null || token.isBlank()) {
            throw new InvalidTokenException("missing bearer token");
        }
        SignedJWT jwt;
        JWTClaimsSet claims;
        try {
            jwt = SignedJWT.parse(token.trim());
            claims = jwt.getJWTClaimsSet();
        } catch (ParseException | RuntimeException e) {
            throw new InvalidTokenException("malformed token", e);
        }
        if (!algorithm.equals(jwt.getHeader().getAlgorithm())) {
            throw new InvalidTokenException("token must be signed with " + algorithm);
        }
        try {
            if (!jwt.verify(verifier)) {
                throw new InvalidTokenException("bad token signature");
            }
        } catch (JOSEException | RuntimeException e) {
            throw new InvalidTokenException("bad token signature", e);
        }
        Instant now = clock.instant();
        Duration clockSkew = rules.clockSkew();
        Date expiry = claims.getExpirationTime();
        if (expiry == null || expiry.toInstant().plus(clockSkew).isBefore(now)) {
            throw new InvalidTokenException(expiry == null ? "token has no expiry" : "token expired");
        }
        Date notBefore = claims.getNotBeforeTime();
        if (notBefore != null && notBefore.toInstant().minus(clockSkew).isAfter(now)) {
            throw new InvalidTokenException("token not valid yet");
        }
        if (!rules.issuer().equals(claims.getIssuer())) {
            throw new InvalidTokenException("token issuer must be " + rules.issuer());
        }
        if (claims.getAudience() == null || !claims.getAudience().contains(rules.audience())) {
            throw new InvalidTokenException("token audience must include " + rules.audience());
        }
        checkLifetime(claims.getIssueTime(), expiry.toInstant(), now);
        String subject = claims.getSubject();
        if (!Subjects.isToken(subject)) {
            throw new InvalidTokenException("token subject is not a valid user id");
        }
        if (BotTokens.isReservedUserId(subject)) {
            // bots and incoming webhooks act under these ids: a user's token claiming one would act as them
            throw new InvalidTokenException("token subject lies in the bots' and incoming webhooks' namespace");
        }
        return new ChorusPrincipal(
                subject,
                Boolean.TRUE.equals(claims.getClaim(ADMIN_CLAIM)),
                expiry.toInstant().plus(clockSkew));
    }

    private void checkLifetime(Date issuedAt, Instant expiry, Instant now) throws InvalidTokenException {
        Duration allowed = rules.maxLifetime();
        boolean tooLong = Duration.between(now, expiry).compareTo(allowed.plus(rules.clockSkew())) > 0
                || (issuedAt != null
                        && Duration.between(issuedAt.toInstant(), expiry).compareTo(allowed) > 0);
        if (tooLong) {
            throw new InvalidTokenException("token lifetime exceeds " + allowed);
        }
    }
}
