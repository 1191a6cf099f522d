package io.chorus.common.auth;

/** A bearer token that is missing, malformed, wrongly signed, expired or names no valid user. */
public class InvalidTokenException extends Exception {
    public InvalidTokenException(String message) {
        super(message);
    }

    public InvalidTokenException(String message, Throwable cause) {
        super(message, cause);
    }
}
