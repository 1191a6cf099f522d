package io.chorus.harness.client;

import java.time.Duration;
import java.util.Optional;

/**
 * The API refused a call: its status, the {@code code} and {@code message} of the JSON error shape ({@code code}
 * null when the body had none, as a proxy's or Jetty's own answer may), the {@code Retry-After} it asked for, and
 * the whole {@link Response} for anything else a caller wants to check.
 */
public final class ApiException extends RuntimeException {
    private final int status;
    private final String code;
    private final Optional<Duration> retryAfter;
    private final transient Response response;

    public ApiException(int status, String code, String message, Optional<Duration> retryAfter, Response response) {
        super(status + (code == null ? "" : " " + code) + ": " + message);
        this.status = status;
        this.code = code;
        this.retryAfter = retryAfter;
        this.response = response;
    }

    public int status() {
        return status;
    }

    public String code() {
        return code;
    }

    public Optional<Duration> retryAfter() {
        return retryAfter;
    }

    public Response response() {
        return response;
    }
}
