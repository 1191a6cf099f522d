package io.chorus.common.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
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
    private final JwtVerifier verifier = JwtVerifier.hs256(SECRET, Duration.ofSeconds(30));
    private final DevelopmentTokens tokens = new DevelopmentTokens(SECRET);

    @Test
    void aDevelopmentTokenNamesItsUserAndAdminFlag() throws Exception {
        assertThat(verifier.verify(tokens.issue("alice", false, Duration.ofHours(1))))
                .isEqualTo(new ChorusPrincipal("alice", false));
        assertThat(verifier.verify(tokens.issue("root-1", true, Duration.ofHours(1))).admin()).isTrue();
    }

    @Test
    void refusesExpiredForeignMalformedAndUnsignedTokens() {
        String expiredLongAgo = tokens.issue("alice", false, Duration.ofMinutes(1));
        JwtVerifier later = verifier.withClock(Clock.fixed(Instant.now().plus(Duration.ofHours(2)), ZoneOffset.UTC));
        assertThatThrownBy(() -> later.verify(expiredLongAgo)).hasMessage("token expired");

        String foreign = new DevelopmentTokens("another-secret-another-secret-xyz").issue("alice", false,
                Duration.ofHours(1));
        assertThatThrownBy(() -> verifier.verify(foreign)).hasMessage("bad token signature");
        assertThatThrownBy(() -> verifier.verify("not.a.token")).hasMessage("malformed token");
        assertThatThrownBy(() -> verifier.verify("")).hasMessage("missing bearer token");
        assertThatThrownBy(() -> verifier.verify(null)).hasMessage("missing bearer token");

        String unsigned = new PlainJWT(new JWTClaimsSet.Builder().subject("alice")
                .expirationTime(Date.from(Instant.now().plusSeconds(60))).build()).serialize();
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
        JwtVerifier rs = JwtVerifier.rs256(pem, Duration.ofSeconds(30));
        SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.RS256), new JWTClaimsSet.Builder().subject("bob")
                .expirationTime(Date.from(Instant.now().plusSeconds(600))).build());
        jwt.sign(new RSASSASigner(key));

        assertThat(rs.verify(jwt.serialize())).isEqualTo(new ChorusPrincipal("bob", false));
        assertThatThrownBy(() -> rs.verify(tokens.issue("bob", false, Duration.ofHours(1))))
                .hasMessage("token must be signed with RS256");
    }
}
