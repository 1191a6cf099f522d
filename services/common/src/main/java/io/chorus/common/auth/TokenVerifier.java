package io.chorus.common.auth;

/** Checks a bearer token and names its caller: a user's JWT ({@link JwtVerifier}) or a bot's API token. */
@FunctionalInterface
public interface TokenVerifier {
    ChorusPrincipal verify(String token) throws InvalidTokenException;
}
