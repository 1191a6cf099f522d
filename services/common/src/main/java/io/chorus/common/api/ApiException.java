package io.chorus.common.api;

import jakarta.ws.rs.core.Response;
import java.time.Duration;

/**
 * An error a resource answers on purpose, with its HTTP status and a stable machine-readable code
 * (e.g. 403 {@code not_a_member}, 409 {@code conflict}, 503 {@code unavailable} with Retry-After).
 */
public class ApiException extends RuntimeException {
    private final int status;
    private final String code;
    private final Duration retryAfter;

    public ApiException(int status, String code, String message) {
        this(status, code, message, null);
    }

    public ApiException(int status, String code, String message, Duration retryAfter) {
        super(message);
        this.status = status;
        this.code = code;
        this.retryAfter = retryAfter;
    }

    public int status() {
        return status;
    }

    public String code() {
        return code;
    }

    public Response toResponse() {
        Response.ResponseBuilder response = Response.status(status)
                .type(jakarta.ws.rs.core.MediaType.APPLICATION_JSON_TYPE)
                .entity(ErrorBody.of(code, getMessage()));
        if (retryAfter != null) {
            response.header("Retry-After", Math.max(1, retryAfter.toSeconds()));
        }
        return response.build();
    }
}
