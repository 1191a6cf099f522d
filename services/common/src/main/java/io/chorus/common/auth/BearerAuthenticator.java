package io.chorus.common.auth;

import io.dropwizard.auth.Authenticator;
import java.util.Optional;

/** Dropwizard's bridge to {@link TokenVerifier}: a token that does not verify names no one. */
public final class BearerAuthenticator implements Authenticator<String, ChorusPrincipal> {
    private final TokenVerifier verifier;

    public BearerAuthenticator(TokenVerifier verifier) {
        this.verifier = verifier;
    }

    @Override
    public Optional<ChorusPrincipal> authenticate(String token) {
        try {
            return Optional.of(verifier.verify(token));
        } catch (InvalidTokenException e) {
            return Optional.empty();
        }
    }
}
