package io.chorus.workers.push;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.KeyFactory;
import java.security.interfaces.RSAPrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;

/**
 * OAuth 2 access tokens for FCM from a service account: a JWT signed RS256 with the account's key, exchanged at the
 * token URL (the JWT bearer grant) for an access token, kept until a minute before it expires.
 */
public final class FcmAccessTokens {
    static final String SCOPE = "https://www.googleapis.com/auth/firebase.messaging";
    private static final Duration EARLY = Duration.ofMinutes(1);

    private final HttpClient http;
    private final ObjectMapper json;
    private final URI tokenUrl;
    private final String clientEmail;
    private final RSAPrivateKey key;
    private final Clock clock;
    private String token;
    private Instant expires = Instant.MIN;

    FcmAccessTokens(
            HttpClient http, ObjectMapper json, URI tokenUrl, String clientEmail, RSAPrivateKey key, Clock clock) {
        this.http = http;
        this.json = json;
        this.tokenUrl = tokenUrl;
        this.clientEmail = clientEmail;
        this.key = key;
        this.clock = clock;
    }

    /** The PKCS#8 PEM private key of a service-account file. */
    static RSAPrivateKey privateKey(String pem) throws Exception {
        String base64 = pem.replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
        return (RSAPrivateKey) KeyFactory.getInstance("RSA")
                .generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(base64)));
    }

    /** A valid access token, fetched again when the one held is about to expire. */
    public synchronized String current() throws Exception {
        Instant now = clock.instant();
        if (token == null || !now.isBefore(expires.minus(EARLY))) {
            fetch(now);
        }
        return token;
    }

    /** Forgets the token held (the provider refused it), so the next send fetches another. */
    public synchronized void invalidate() {
        token = null;
    }

    private void fetch(Instant now) throws Exception {
        SignedJWT assertion = new SignedJWT(
                new JWSHeader.Builder(JWSAlgorithm.RS256)
                        .type(JOSEObjectType.JWT)
                        .build(),
                new JWTClaimsSet.Builder()
                        .issuer(clientEmail)
                        .subject(clientEmail)
                        .audience(tokenUrl.toString())
                        .claim("scope", SCOPE)
                        .issueTime(Date.from(now))
                        .expirationTime(Date.from(now.plus(Duration.ofHours(1))))
                        .build());
        assertion.sign(new RSASSASigner(key));
        String form =
                "grant_type=" + URLEncoder.encode("urn:ietf:params:oauth:grant-type:jwt-bearer", StandardCharsets.UTF_8)
                        + "&assertion=" + assertion.serialize();
        HttpResponse<String> response = http.send(
                HttpRequest.newBuilder(tokenUrl)
                        .timeout(Duration.ofSeconds(10))
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString(form))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IllegalStateException("the token URL answered " + response.statusCode());
        }
        JsonNode body = json.readTree(response.body());
        token = body.path("access_token").asText(null);
        if (token == null) {
            throw new IllegalStateException("the token URL answered without an access_token");
        }
        expires = now.plusSeconds(body.path("expires_in").asLong(3600));
    }
}
