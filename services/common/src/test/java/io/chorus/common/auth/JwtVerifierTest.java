package io.chorus.common.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import java.security.interfaces.RSAPublicKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.Date;
import org.junit.jupiter.api.Test;

class JwtVerifierTest {
    private static final String SECRET = "0123456789abcdef0123456789abcdef";
    private static final JwtVerifier.Rules RULES = new JwtVerifier.Rules(
            DevelopmentTokens.ISSUER, DevelopmentTokens.AUDIENCE, Duration.ofHours(24), Duration.ofSeconds(30));
    private final JwtVerifier verifier = JwtVerifier.hs256(SECRET, RULES);
    private final MACSigner signer = signer();

    private static MACSigner signer() {
        try {
            return new MACSigner(SECRET.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        } catch (com.nimbusds.jose.KeyLengthException e) {
            throw new IllegalStateException(e);
        }
    }

    private final DevelopmentTokens tokens = new DevelopmentTokens(SECRET);

    @Test
    void aDevelopmentTokenNamesItsUserAndAdminFlag() throws Exception {
        ChorusPrincipal alice = verifier.verify(tokens.issue("alice", false, Duration.ofHours(1)));
        assertThat(alice.userId()).isEqualTo("alice");
        assertThat(alice.admin()).isFalse();
        assertThat(verifier.verify(tokens.issue("root-1", true, Duration.ofHours(1)))
                        .admin())
                .isTrue();
    }

    @Test
    void refusesExpiredForeignMalformedAndUnsignedTokens() {
        String expiredLongAgo = tokens.issue("alice", false, Duration.ofMinutes(1));
        JwtVerifier later = verifier.withClock(Clock.fixed(Instant.now().plus(Duration.ofHours(2)), ZoneOffset.UTC));
        assertThatThrownBy(() -> later.verify(expiredLongAgo)).hasMessage("token expired");

        String foreign =
                new DevelopmentTokens("another-secret-another-secret-xyz").issue("alice", false, Duration.ofHours(1));
        assertThatThrownBy(() -> verifier.verify(foreign)).hasMessage("bad token signature");
        assertThatThrownBy(() -> verifier.verify("not.a.token")).hasMessage("malformed token");
        assertThatThrownBy(() -> verifier.verify("")).hasMessage("missing bearer token");
        assertThatThrownBy(() -> verifier.verify(null)).hasMessage("missing bearer token");

        String unsigned = new PlainJWT(new JWTClaimsSet.Builder()
                        .subject("alice")
                        .expirationTime(Date.from(Instant.now().plusSeconds(60)))
                        .build())
                .serialize();
        assertThatThrownBy(() -> verifier.verify(unsigned)).isInstanceOf(InvalidTokenException.class);
    }

    @Test
    void refusesASubjectThatIsNotAValidUserId() {
        assertThatThrownBy(() -> tokens.issue("a.b", false, Duration.ofHours(1)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void rs256VerifiesWithThePublicKeyAndRefusesHs256Tokens() throws Exception {
        RSAKey key = new RSAKeyGenerator(2048).generate();
        String pem = "-----BEGIN PUBLIC KEY-----\n"
                + Base64.getMimeEncoder().encodeToString(((RSAPublicKey) key.toPublicKey()).getEncoded())
                + "\n-----END PUBLIC KEY-----\n";
        JwtVerifier rs = JwtVerifier.rs256(pem, RULES);
        SignedJWT jwt = new SignedJWT(
                new JWSHeader(JWSAlgorithm.RS256),
                claims("bob")
                        .expirationTime(Date.from(Instant.now().plusSeconds(600)))
                        .build());
        jwt.sign(new RSASSASigner(key));

        assertThat(rs.verify(jwt.serialize()).userId()).isEqualTo("bob");
        assertThatThrownBy(() -> rs.verify(tokens.issue("bob", false, Duration.ofHours(1))))
                .hasMessage("token must be signed with RS256");
    }

    private static JWTClaimsSet.Builder claims(String user) {
        Instant now = Instant.now();
        return new JWTClaimsSet.Builder()
                .subject(user)
                .issuer(DevelopmentTokens.ISSUER)
                .audience(DevelopmentTokens.AUDIENCE)
                .issueTime(Date.from(now))
                .expirationTime(Date.from(now.plus(Duration.ofHours(1))));
    }

    private String signed(JWTClaimsSet.Builder claims) throws Exception {
        SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), claims.build());
        jwt.sign(signer);
        return jwt.serialize();
    }

    @Test
    void requiresTheIssuerAndAnAudienceThatNamesThisDeployment() throws Exception {
        assertThat(verifier.verify(signed(claims("alice"))).userId()).isEqualTo("alice");
        assertThat(verifier.verify(signed(claims("alice").audience(java.util.List.of("other", "chorus"))))
                        .userId())
                .isEqualTo("alice");
        assertThatThrownBy(() -> verifier.verify(signed(claims("alice").issuer("someone-else"))))
                .hasMessage("token issuer must be chorus-development");
        assertThatThrownBy(() -> verifier.verify(signed(claims("alice").issuer(null))))
                .hasMessage("token issuer must be chorus-development");
        assertThatThrownBy(() -> verifier.verify(signed(claims("alice").audience("billing"))))
                .hasMessage("token audience must include chorus");
        assertThatThrownBy(() -> verifier.verify(signed(claims("alice").audience((String) null))))
                .hasMessage("token audience must include chorus");
    }

    @Test
    void refusesATokenThatLivesLongerThanTheMaximum() throws Exception {
        Instant now = Instant.now();
        assertThatThrownBy(() -> verifier.verify(
                        signed(claims("alice").expirationTime(Date.from(now.plus(Duration.ofDays(30)))))))
                .hasMessage("token lifetime exceeds PT24H");
        // without iat, or with an iat that claims to be late, the lifetime counts from now
        assertThatThrownBy(() -> verifier.verify(signed(
                        claims("alice").issueTime(null).expirationTime(Date.from(now.plus(Duration.ofDays(2)))))))
                .hasMessage("token lifetime exceeds PT24H");
        assertThatThrownBy(() -> verifier.verify(signed(claims("alice")
                        .issueTime(Date.from(now.plus(Duration.ofDays(6))))
                        .expirationTime(Date.from(now.plus(Duration.ofDays(7)))))))
                .hasMessage("token lifetime exceeds PT24H");
        // an issuer's token of 24 h exactly still counts
        assertThat(verifier.verify(signed(claims("alice")
                                .issueTime(Date.from(now))
                                .expirationTime(Date.from(now.plus(Duration.ofHours(24))))))
                        .userId())
                .isEqualTo("alice");
    }

    @Test
    void aPrincipalIsValidUntilItsTokensExpiryPlusTheSkew() throws Exception {
        Instant expiry = Instant.now().plus(Duration.ofMinutes(5)).truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
        ChorusPrincipal principal = verifier.verify(signed(claims("alice").expirationTime(Date.from(expiry))));
        assertThat(principal.validUntil()).isEqualTo(expiry.plusSeconds(30));
    }

    @Test
    void refusesAUserTokenThatClaimsABotsOrAHooksId() throws Exception {
        assertThatThrownBy(() -> verifier.verify(tokens.issue("bot_0a1b2c", false, Duration.ofHours(1))))
                .hasMessageContaining("namespace");
        assertThatThrownBy(() -> verifier.verify(tokens.issue("hook_0a1b2c", true, Duration.ofHours(1))))
                .hasMessageContaining("namespace");
        assertThat(verifier.verify(tokens.issue("bottom", false, Duration.ofHours(1)))
                        .userId())
                .isEqualTo("bottom");
    }
}
